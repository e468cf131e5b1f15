#!/bin/sh
# Install Debian's chromium for the browser tests, unless it is already there.
# (Playwright's own browser download is not used: it needs hosts this project does not reach.)
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Chromium manque (/usr/bin/chromium) et l'installer demande les droits d'administration :" >&2
  echo "  sudo apt-get install chromium" >&2
  exit 1
fi
echo "Installation de chromium (paquet Debian) pour les tests dans un navigateur…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
