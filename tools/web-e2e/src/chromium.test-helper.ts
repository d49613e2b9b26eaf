import { existsSync } from 'fs';
import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium (tools/setup.sh installs it), or MIMO_CHROMIUM: playwright's own browser download cannot work offline. */
export const CHROMIUM = process.env.MIMO_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Headless Chromium as a sandboxed CI machine runs it (as root, no GPU, no network but localhost). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
