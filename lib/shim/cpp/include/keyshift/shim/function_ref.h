// A non-owning, non-allocating reference to a callable, so the policy
// pipeline can live in a .cc file without std::function's heap allocation on
// the hot path (same idea as llvm::function_ref).
#ifndef KEYSHIFT_SHIM_FUNCTION_REF_H_
#define KEYSHIFT_SHIM_FUNCTION_REF_H_

#include <memory>
#include <type_traits>
#include <utility>

namespace keyshift::shim {

template <typename Fn> class FunctionRef;

template <typename Ret, typename... Args> class FunctionRef<Ret(Args...)> {
public:
  template <typename Callable, typename = std::enable_if_t<!std::is_same_v<
                                   std::remove_cvref_t<Callable>, FunctionRef>>>
  FunctionRef(Callable &&callable) // NOLINT: implicit by design
      : callee_(const_cast<void *>(
            static_cast<const void *>(std::addressof(callable)))),
        thunk_([](void *callee, Args... args) -> Ret {
          return (*reinterpret_cast<std::remove_reference_t<Callable> *>(
              callee))(std::forward<Args>(args)...);
        }) {}

  Ret operator()(Args... args) const {
    return thunk_(callee_, std::forward<Args>(args)...);
  }

private:
  void *callee_;
  Ret (*thunk_)(void *, Args...);
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_FUNCTION_REF_H_
