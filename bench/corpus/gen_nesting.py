#!/usr/bin/env python3
"""Writes one file of N nested constructs around an OpenAI client (for config
formats, around an OPENAI_API_KEY entry or an OpenAI URL), for
bench/nesting.sh. Prints the file name the shape needs (its extension picks
the engine). Usage: gen_nesting.py SHAPE N OUT; gen_nesting.py --shapes."""
import sys

CLIENT_PY = 'OpenAI(api_key=os.environ["OPENAI_API_KEY"])'
CLIENT_JS = 'new OpenAI({ apiKey: process.env.OPENAI_API_KEY })'


def nested(open_, close, inner, n):
    return open_ * n + inner + close * n


SHAPES = {
    # shape: (file name, text for n)
    "python-calls": ("a.py", lambda n: "import os\nfrom openai import OpenAI\nx = "
                     + nested("f(", ")", CLIENT_PY, n) + "\n"),
    "python-methods": ("a.py", lambda n: "import os\nfrom openai import OpenAI\nx = "
                       + nested("a.b(", ")", CLIENT_PY, n) + "\n"),
    "js-calls": ("a.js", lambda n: 'import OpenAI from "openai";\nconst x = '
                 + nested("f(", ")", CLIENT_JS, n) + ";\n"),
    "ts-calls": ("a.ts", lambda n: 'import OpenAI from "openai";\nconst x = '
                 + nested("f(", ")", CLIENT_JS, n) + ";\n"),
    "tsx-calls": ("a.tsx", lambda n: 'import OpenAI from "openai";\nconst x = '
                  + nested("f(", ")", CLIENT_JS, n) + ";\n"),
    # N calls in statements nested 1,000 deep: within the budget, so time
    # should grow with N alone.
    "python-blocks": ("a.py", lambda n: "import os\nfrom openai import OpenAI\n"
                      + "".join("x = " + nested("f(", ")", CLIENT_PY, 1000) + "\n"
                                for _ in range(max(1, n // 1000)))),
    "js-blocks": ("a.js", lambda n: 'import OpenAI from "openai";\n'
                  + "".join("const x%d = " % i + nested("f(", ")", CLIENT_JS, 1000)
                            + ";\n" for i in range(max(1, n // 1000)))),
    "json-arrays": ("a.json", lambda n: nested("[", "]",
                    '{"env": {"OPENAI_API_KEY": "x"}}', n) + "\n"),
    "yaml-flow": ("a.yaml", lambda n: "x: " + nested("[", "]",
                  "{OPENAI_API_KEY: x}", n) + "\n"),
    "toml-arrays": ("a.toml", lambda n: "x = " + nested("[", "]",
                    '"https://api.openai.com/v1"', n) + "\n"),
    "markdown-quotes": ("a.md", lambda n: "> " * n + "text\n\n```python\n"
                        "import os\nfrom openai import OpenAI\nc = " + CLIENT_PY
                        + "\n```\n"),
}

if __name__ == "__main__":
    if sys.argv[1:] == ["--shapes"]:
        print(" ".join(SHAPES))
        sys.exit(0)
    shape, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    name, make = SHAPES[shape]
    with open(out, "w") as f:
        f.write(make(n))
    print(name)
