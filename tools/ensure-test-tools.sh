#!/usr/bin/env bash
# Finds or installs what the test suite needs besides the JDK, PostgreSQL and Redis:
#   - Chromium and chromedriver at /usr/bin (the browser tests drive real headless Chromium),
#   - a Compose client, `docker compose` or `docker-compose` (ComposeFileTest parses docker-compose.yml;
#     no Docker engine is needed).
# The root pom runs this before any module's tests (docs/adr/0030-the-test-command-installs-its-tools.md).
# It installs with apt-get when it may (root, or password-less sudo), and otherwise stops the build at once
# with one line naming what to install. It never lets the browser tests be skipped.
set -euo pipefail

say() { printf '[test-tools] %s\n' "$*"; }

# the root pom passes Maven's skipTests and maven.test.skip: no tests, nothing to check
if [ "${1:-false}" = true ] || [ "${2:-false}" = true ]; then
    exit 0
fi

missing_packages=()
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
[ -x /usr/bin/chromedriver ] || missing_packages+=(chromium-driver)
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
    missing_packages+=(docker-compose)
fi

if [ ${#missing_packages[@]} -eq 0 ]; then
    say "Chromium, chromedriver and a Compose client are installed: the browser tests and ComposeFileTest will run"
    exit 0
fi

wanted="${missing_packages[*]}"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    as_root=none
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "${as_root[*]-}" = none ]; then
    say "MISSING for the tests: ${wanted}. Install them (Debian: sudo apt-get install ${wanted}; elsewhere Chromium at /usr/bin/chromium, chromedriver at /usr/bin/chromedriver, Docker Compose), then run ./mvnw -B verify again"
    exit 1
fi

say "Installing ${wanted} with apt-get (needed by the browser tests and ComposeFileTest; see docs/testing.md)"
export DEBIAN_FRONTEND=noninteractive
# another build may be installing at the same moment: wait for dpkg's lock instead of failing
lock_wait=(-o DPkg::Lock::Timeout=300)
"${as_root[@]}" apt-get "${lock_wait[@]}" update -qq
"${as_root[@]}" apt-get "${lock_wait[@]}" install -y -qq "${missing_packages[@]}" >/dev/null
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
    if [ ! -x "$tool" ]; then
        say "apt-get installed ${wanted}, but ${tool} is still missing"
        exit 1
    fi
done
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
    say "apt-get installed ${wanted}, but there is still no Compose client"
    exit 1
fi
say "Installed ${wanted}: $(/usr/bin/chromium --version 2>/dev/null | head -1), $(/usr/bin/chromedriver --version | head -1 | cut -d' ' -f1-2)"
