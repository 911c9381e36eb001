#!/bin/sh
# Print the path of a Python >= 3.12: first on PATH, then under pyenv. Fails with a message if none.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for cand in python3.13 python3.12 python3 python; do
    p="$(command -v "$cand" 2>/dev/null)" || continue
    if ok "$p"; then echo "$p"; exit 0; fi
done
root="${PYENV_ROOT:-$HOME/.pyenv}"
if command -v pyenv >/dev/null 2>&1; then root="$(pyenv root)"; fi
for p in $(ls -d "$root"/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do
    if ok "$p"; then echo "$p"; exit 0; fi
done
echo "No Python >= 3.12 found on PATH or under pyenv ($root/versions). Install one (e.g. 'pyenv install 3.13') and retry." >&2
exit 1
