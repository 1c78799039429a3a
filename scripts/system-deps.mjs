// Debian packages the tests need, found by the binary each provides; installed with apt when missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SYSTEM_DEPS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium', why: 'e2e tests drive the UI in Chromium' },
  {
    bin: '/usr/bin/pdftotext',
    pkg: 'poppler-utils',
    why: 'certificate PDFs are checked with pdftotext, pdffonts and pdftoppm',
  },
  { bin: '/usr/bin/zbarimg', pkg: 'zbar-tools', why: 'the printed QR is decoded from a render of the PDF' },
  { bin: '/usr/bin/socat', pkg: 'socat', why: 'serial reader tests run over a pseudo-terminal pair' },
  { bin: '/usr/sbin/cupsd', pkg: 'cups', why: 'printing tests use a real CUPS spooler' },
  { bin: '/usr/bin/lp', pkg: 'cups-client', why: 'printing tests submit jobs with CUPS clients' },
  { bin: '/usr/sbin/ippeveprinter', pkg: 'cups-ipp-utils', why: 'a virtual IPP printer receives test prints' },
  { bin: '/usr/sbin/avahi-daemon', pkg: 'avahi-daemon', why: 'ippeveprinter needs DNS-SD' },
  { bin: '/usr/bin/dbus-daemon', pkg: 'dbus', why: 'avahi needs the system bus' },
  { bin: '/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0', pkg: 'libusb-1.0-0', why: 'node-hid loads libusb', arch: 'x64' },
  {
    bin: '/usr/lib/x86_64-linux-gnu/libudev.so.1',
    pkg: 'libudev1',
    why: 'node-hid hidraw driver loads libudev',
    arch: 'x64',
  },
];

export function missingDeps() {
  return SYSTEM_DEPS.filter((d) => (!d.arch || d.arch === process.arch) && !existsSync(d.bin));
}

/** Installs what is missing when running as root; otherwise says exactly what to install and fails. */
export function ensureSystemDeps(log = console.log) {
  const missing = missingDeps();
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((d) => d.pkg))];
  if (
    process.platform !== 'linux' ||
    typeof process.getuid !== 'function' ||
    process.getuid() !== 0 ||
    !existsSync('/usr/bin/apt-get')
  ) {
    console.error(
      `Tests need these Debian packages: ${pkgs.join(' ')}\n${missing.map((d) => `  ${d.pkg}: ${d.why}`).join('\n')}\nInstall them as root: apt-get install -y --no-install-recommends ${pkgs.join(' ')}`,
    );
    process.exit(1);
  }
  log(`Installing test dependencies with apt: ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update', '-qq'], { stdio: 'inherit', env });
  const install =
    update.status === 0 &&
    spawnSync(
      'apt-get',
      ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', '--no-install-recommends', ...pkgs],
      { stdio: 'inherit', env },
    );
  const still = missingDeps();
  if (!install || install.status !== 0 || still.length) {
    console.error(
      `Could not install: ${still.map((d) => d.pkg).join(' ') || pkgs.join(' ')} (apt-get failed; see above). Install them by hand and run npm test again.`,
    );
    process.exit(1);
  }
  try {
    execFileSync('/usr/bin/chromium', ['--version'], { stdio: 'ignore' });
  } catch {
    console.error('chromium is installed but does not run; reinstall it: apt-get install --reinstall chromium');
    process.exit(1);
  }
}
