#pragma once
#include <string>
class Client {
public:
  explicit Client(std::string base) : base_(std::move(base)) {}
  std::string send(const std::string &path);
private:
  std::string base_;
};
