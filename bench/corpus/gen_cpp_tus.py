#!/usr/bin/env python3
"""A C++ project of N translation units that all include one header holding
the OpenAI endpoint and key read (the shape of issue 13's library: every TU
is a candidate), plus its compile_commands.json. Each TU pulls in the usual
standard headers and has a few functions of its own; one in ten calls the
endpoint helper, so the engine has findings in sources too.

usage: gen_cpp_tus.py OUT_DIR [--tus N]
"""
import argparse
import json
import os

HEADER = """// The one header every TU includes: where the library talks to OpenAI.
// Like openai-cpp's single header it pulls in libcurl and nlohmann/json
// (Debian: libcurl4-openssl-dev, nlohmann-json3-dev), so every TU parses
// them.
#pragma once
#include <cstdlib>
#include <string>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace acme::llm {

inline constexpr const char *kEndpoint = "https://api.openai.com/v1";

inline std::string apiKey() {
  const char *key = std::getenv("OPENAI_API_KEY");
  return key ? key : "";
}

inline std::string chatUrl() { return std::string(kEndpoint) + "/chat/completions"; }

inline nlohmann::json chatRequest(const std::string &model, const std::string &text) {
  return {{"model", model}, {"messages", {{{"role", "user"}, {"content", text}}}}};
}

inline CURLcode post(CURL *curl, const std::string &body) {
  curl_easy_setopt(curl, CURLOPT_URL, chatUrl().c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  return curl_easy_perform(curl);
}

} // namespace acme::llm
"""

SOURCE = """#include "acme/llm.h"

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace acme::unit{n} {{

struct Record {{
  std::string name;
  std::vector<int> values;
  std::map<std::string, double> weights;
}};

std::vector<Record> load(int count) {{
  std::vector<Record> out;
  for (int i = 0; i < count; ++i) {{
    Record r;
    r.name = "record-" + std::to_string(i);
    r.values.assign(static_cast<std::size_t>(i % 7), i);
    r.weights["w"] = i * 0.5;
    out.push_back(std::move(r));
  }}
  std::sort(out.begin(), out.end(),
            [](const Record &a, const Record &b) {{ return a.name < b.name; }});
  return out;
}}

std::string describe(const std::vector<Record> &records) {{
  std::ostringstream os;
  std::function<void(const Record &)> print = [&](const Record &r) {{
    os << r.name << ':' << r.values.size() << '\\n';
  }};
  std::for_each(records.begin(), records.end(), print);
  auto shared = std::make_shared<std::string>(os.str());
  return *shared;
}}

{extra}
}} // namespace acme::unit{n}
"""

EXTRA = """std::string endpoint() {
  return "https://api.openai.com/v1/embeddings#unit" + std::to_string({n});
}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--tus", type=int, default=100)
    args = ap.parse_args()
    root = os.path.abspath(args.out)
    os.makedirs(os.path.join(root, "include", "acme"), exist_ok=True)
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    os.makedirs(os.path.join(root, "build"), exist_ok=True)
    with open(os.path.join(root, "include", "acme", "llm.h"), "w") as f:
        f.write(HEADER)
    db = []
    for n in range(args.tus):
        extra = EXTRA.replace("{n}", str(n)) if n % 10 == 0 else ""
        path = os.path.join(root, "src", f"unit{n:03d}.cc")
        with open(path, "w") as f:
            f.write(SOURCE.format(n=n, extra=extra))
        db.append({
            "directory": os.path.join(root, "build"),
            "command": f"/usr/bin/c++ -std=c++17 -I{root}/include -o "
                       f"unit{n:03d}.o -c {path}",
            "file": path,
        })
    with open(os.path.join(root, "build", "compile_commands.json"), "w") as f:
        json.dump(db, f, indent=1)


if __name__ == "__main__":
    main()
