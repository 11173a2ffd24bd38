#include "client.h"
int main() {
  Client c("https://api.openai.com/v1");
  c.send("/organization/projects");
}
