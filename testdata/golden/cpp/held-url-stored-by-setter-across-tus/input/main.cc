#include "config.h"
int main() {
  setBase("https://api.openai.com/v1");
  usage();
}
