// `migrate --apply` killed at any moment leaves every file byte-identical
// to its original or to its migrated form, with its mode and owner, and the
// next run
// removes the temporaries the killed one left and completes
// (docs/RELIABILITY.md, atomicity and temporary files). Over a generated
// tree of 2,000 files the run is ended two ways, in a forked child:
//   - from inside, by a fault hook that raises SIGKILL at the Nth step of
//     its writes (temporary created, data written, synced, renamed);
//   - from outside, by SIGKILL after a random delay.
#include "cli/child_process.h"
#include "cli/cli_fixture.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <random>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::Child;
using testing::CliTest;
using testing::Outcome;

struct Expected {
  std::string original;
  std::string migrated;
  fs::perms mode;
  uid_t uid = 0;
  gid_t gid = 0;
};

/// Python and JavaScript files, most of which change, some with other
/// modes; every file's bytes differ from every other's.
std::map<std::string, std::string> generatedTree() {
  std::map<std::string, std::string> tree;
  for (int d = 0; d < 40; ++d)
    for (int f = 0; f < 50; ++f) {
      std::string tag = std::to_string(d) + "_" + std::to_string(f);
      std::string dir = "pkg" + std::to_string(d) + "/";
      switch (f % 4) {
      case 0:
      case 1:
        tree[dir + "m" + tag + ".py"] =
            "# module " + tag + "\nimport openai\nclient = openai.OpenAI()\n";
        break;
      case 2:
        tree[dir + "w" + tag + ".js"] =
            "// " + tag +
            "\nimport OpenAI from 'openai';\nconst c = new OpenAI();\n";
        break;
      default:
        tree[dir + "p" + tag + ".py"] = "print('" + tag + "')\n";
      }
    }
  return tree;
}

fs::perms modeFor(std::size_t i) {
  switch (i % 3) {
  case 0:
    return fs::perms(0644);
  case 1:
    return fs::perms(0755);
  default:
    return fs::perms(0600);
  }
}

class KillTest : public CliTest {
protected:
  void SetUp() override {
    CliTest::SetUp();
    // Each write is fsynced, which on a disk costs more than the rest of
    // the run; the order of the steps, not durability, is under test here.
    if (::access("/dev/shm", W_OK) == 0) {
      fs::remove_all(dir_);
      dir_ = fs::path("/dev/shm") / dir_.filename();
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      writeProxyConfig();
    }
    root_ = dir_ / "tree";
    std::size_t i = 0;
    for (const auto &[path, text] : generatedTree()) {
      // As root, some files belong to another user and group, which a
      // write must keep (the temporary is created as root).
      bool other = ::geteuid() == 0 && i % 4 == 1;
      files_[path] =
          Expected{text, "", modeFor(i++), other ? uid_t(4242) : ::geteuid(),
                   other ? gid_t(4343) : ::getegid()};
    }
    restore();
    // The migrated form: what an uninterrupted run writes.
    auto start = std::chrono::steady_clock::now();
    Outcome r = run({"migrate", "--apply", "--quiet", "tree"});
    full_run_ = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(r.code, 0) << r.err;
    std::size_t changed = 0;
    for (auto &[path, e] : files_) {
      e.migrated = readText(root_ / path);
      changed += e.migrated != e.original;
    }
    ASSERT_GT(changed, files_.size() / 2);
  }

  void restore() {
    fs::remove_all(root_);
    for (const auto &[path, e] : files_) {
      writeText(root_ / path, e.original);
      fs::permissions(root_ / path, e.mode);
      if (::geteuid() == 0) {
        EXPECT_EQ(::chown((root_ / path).c_str(), e.uid, e.gid), 0) << path;
      }
    }
  }

  /// Every file is its original or its migrated form, with its mode and
  /// owner; no file is missing or extra. Returns how many temporaries are left.
  std::size_t checkTree(const std::string &when) {
    std::size_t temporaries = 0, seen = 0;
    for (const auto &entry : fs::recursive_directory_iterator(root_)) {
      if (!entry.is_regular_file())
        continue;
      std::string rel = fs::relative(entry.path(), root_).string();
      if (entry.path().filename().string().find(".keyshift-tmp-") !=
          std::string::npos) {
        ++temporaries;
        continue;
      }
      auto it = files_.find(rel);
      if (it == files_.end()) {
        ADD_FAILURE() << when << ": unexpected file " << rel;
        continue;
      }
      ++seen;
      std::string now = readText(entry.path());
      EXPECT_TRUE(now == it->second.original || now == it->second.migrated)
          << when << ": " << rel << " holds a mix:\n"
          << now;
      EXPECT_EQ(entry.status().permissions(), it->second.mode)
          << when << ": " << rel;
      struct stat st {};
      if (::stat(entry.path().c_str(), &st) != 0) {
        ADD_FAILURE() << when << ": cannot stat " << rel;
        continue;
      }
      EXPECT_EQ(st.st_uid, it->second.uid) << when << ": " << rel;
      EXPECT_EQ(st.st_gid, it->second.gid) << when << ": " << rel;
    }
    EXPECT_EQ(seen, files_.size()) << when << ": files went missing";
    return temporaries;
  }

  /// The run after a kill: leftovers removed and reported, all migrated.
  void checkRecovery(const std::string &when, std::size_t temporaries) {
    Outcome r = run({"migrate", "--apply", "tree"});
    EXPECT_EQ(r.code, 0) << when << ": " << r.err;
    if (temporaries > 0) {
      EXPECT_NE(r.err.find("by an interrupted keyshift run"), std::string::npos)
          << when << ": " << r.err;
    }
    EXPECT_EQ(checkTree(when + ", next run"), 0u)
        << "the next run removes the leftovers";
    for (const auto &[path, e] : files_)
      EXPECT_EQ(readText(root_ / path), e.migrated) << when << ": " << path;
  }

  fs::path root_;
  std::map<std::string, Expected> files_;
  std::chrono::steady_clock::duration full_run_{};
};

TEST_F(KillTest, KilledAtTheNthWriteStepLeavesWholeFiles) {
  // 1,500 writes of 4 steps each (temporary created, data written, synced,
  // renamed): a temporary just created, one synced, one after the first
  // rename, and points across the run.
  std::size_t killed = 0;
  for (int n : {1, 3, 6, 1203, 3600}) {
    std::string when = "killed at write step " + std::to_string(n);
    SCOPED_TRACE(when);
    restore();
    std::atomic<int> steps{0};
    driver::TestHooks hooks;
    hooks.write_observer = [&](scan::WriteStep, const std::string &) {
      if (steps.fetch_add(1) + 1 == n)
        ::raise(SIGKILL);
      return 0;
    };
    Child child({"migrate", "--apply", "--quiet", "tree"}, dir_.string(),
                &hooks);
    int status = child.finish();
    killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    std::size_t left = checkTree(when);
    if (n == 1) {
      EXPECT_GT(left, 0u) << "killed with its first temporary file created";
    }
    checkRecovery(when, left);
  }
  EXPECT_EQ(killed, 5u) << "each run was killed before it completed";
}

TEST_F(KillTest, KilledFromOutsideAtRandomMomentsLeavesWholeFiles) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  // Up to a bit past a whole run, so some kills land near its end.
  auto span = std::chrono::duration_cast<std::chrono::microseconds>(full_run_);
  std::uniform_int_distribution<long> delay(0, span.count() * 5 / 4 + 1);
  for (int trial = 0; trial < 4; ++trial) {
    std::string when = "trial " + std::to_string(trial);
    SCOPED_TRACE(when);
    restore();
    Child child({"migrate", "--apply", "--quiet", "tree"}, dir_.string());
    std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
    ::kill(child.pid(), SIGKILL);
    child.finish();
    std::size_t left = checkTree(when);
    checkRecovery(when, left);
  }
}

} // namespace
} // namespace keyshift::cli
