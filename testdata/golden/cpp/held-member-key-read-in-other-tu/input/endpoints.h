#pragma once
#include <string>
std::string apiBase();
std::string loadKey();
class Client {
public:
  Client() : key_(loadKey()) {}
  void listProjects();
private:
  std::string key_;
};
