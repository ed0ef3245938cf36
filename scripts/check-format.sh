#!/usr/bin/env bash
# Checks that every C++ file is in the committed .clang-format (clang-format 14).
# Fix with: clang-format -i $(git ls-files '*.cpp' '*.h')
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format not found"; exit 1; }
bad=0
while IFS= read -r f; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "check-format: $f differs from .clang-format (run clang-format -i $f)"
    bad=1
  fi
done < <(git ls-files '*.cpp' '*.h')
exit "$bad"
