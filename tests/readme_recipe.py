#!/usr/bin/env python3
"""Writes the files the README's "Writing a libc-free program" gives (each
code block after a `<!-- recipe: PATH -->` line) into a new crate at argv[2],
depending on the rawbind at argv[1] by path. Fails if the README changed
shape, so the test and the README cannot drift apart."""
import pathlib
import re
import sys

repo, crate = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
readme = (repo / "README.md").read_text()
files = re.findall(r"<!-- recipe: (\S+) -->\n```\w*\n(.*?)```", readme, re.S)
names = [name for name, _ in files]
if names != ["Cargo.toml", ".cargo/config.toml", "src/main.rs"]:
    sys.exit(f"the README's recipe blocks are {names}")
for name, text in files:
    if name == "Cargo.toml":
        if text.count('rawbind = "0.1"\n') != 1:
            sys.exit('the recipe\'s Cargo.toml has no `rawbind = "0.1"` line')
        text = text.replace('rawbind = "0.1"\n', f'rawbind = {{ path = "{repo}" }}\n')
    path = crate / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
print(" ".join(names))
