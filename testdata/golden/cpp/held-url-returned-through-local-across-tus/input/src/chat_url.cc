#include "endpoints.h"
namespace svc {
std::string chatUrl() {
  std::string u = apiBase();
  u += "/organization/projects";
  return u;
}
}
