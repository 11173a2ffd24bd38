#include "net.h"
#include <cstdlib>
#include <string>
std::string l5(const std::string &u) { return net::send(u, std::string("Authorization: Bearer ") + std::getenv("OPENAI_API_KEY"), "{}"); }
std::string l4(const std::string &u) { std::string r; r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); r += l5(u); return r; }
std::string l3(const std::string &u) { std::string r; r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); r += l4(u); return r; }
std::string l2(const std::string &u) { std::string r; r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); r += l3(u); return r; }
std::string l1(const std::string &u) { std::string r; r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); r += l2(u); return r; }
std::string l0(const std::string &u) { std::string r; r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); r += l1(u); return r; }
std::string go() { return l0("https://api.openai.com/v1/chat/completions"); }
