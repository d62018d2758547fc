#!/usr/bin/env bash
# Installs, from Debian's packages, everything the tests and the test world need on a fresh
# Debian 12 machine (as root). Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  # Browser for the end-to-end tests (driven by playwright-core).
  chromium
  # The test world: a Docker engine with compose, a Debian rootfs for the "VPS", an image
  # registry, an authoritative DNS server, an ACME server, redis and the SSH client.
  docker.io docker-compose debootstrap docker-registry knot knot-dnsutils pebble redis-server
  openssh-client openssl iproute2 curl ca-certificates git xz-utils
  # The recovery kit is an age file: the tests open it with the age tool itself.
  age
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "Debian packages: all ${#packages[@]} present."
  exit 0
fi

echo "Debian packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Debian packages: done."
