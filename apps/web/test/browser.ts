import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = join(APP_DIR, 'test-results');
/** The shared fixtures sit beside the repository: ../shared from its root. */
export const FIXTURES_DIR = resolve(APP_DIR, '..', '..', '..', 'shared', 'fixtures');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless Chromium with WebGL2 (float32 render targets) through SwiftShader, no network chatter.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

// WebGPU on SwiftShader as well. This Chromium (150) exposes navigator.gpu on Linux only with
// --enable-unsafe-webgpu, and finds the SwiftShader adapter even with --disable-gpu; but there
// tfjs's synchronous reads (a WebGPU canvas drawn into a 2D canvas) silently return zeros.
// Vulkan compositing on SwiftShader (--enable-features=Vulkan --use-vulkan=swiftshader, the
// GPU process kept: no --disable-gpu) makes them return the values.
const WEBGPU_ARGS = [
  ...CHROMIUM_ARGS.filter((arg) => arg !== '--disable-gpu'),
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--ignore-gpu-blocklist',
];

export async function launchChromium(options: { webgpu?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Expected Chromium at ${CHROMIUM} (apt-get install -y chromium), found nothing.`);
  }
  const args = options.webgpu ? WEBGPU_ARGS : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: CHROMIUM, args });
}

/** Console errors and uncaught exceptions of `page`, collected as they happen. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, name);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}

/** Drags the mouse along `points` (fractions of the element's box). */
export async function drawStroke(page: Page, testId: string, points: Array<[number, number]>): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`Expected ${testId} to be visible, it has no box.`);
  const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  const [first, ...rest] = points;
  if (!first) return;
  await page.mouse.move(...at(first));
  await page.mouse.down();
  for (const point of rest) await page.mouse.move(...at(point), { steps: 8 });
  await page.mouse.up();
}

/** A full-page screenshot scaled down to `width` pixels (in the page's own canvas), for the README. */
export async function smallScreenshot(page: Page, name: string, width: number): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const full = (await page.screenshot({ fullPage: true })).toString('base64');
  const dataUrl = await page.evaluate(
    async ({ png, targetWidth }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = targetWidth;
      canvas.height = Math.round((image.height * targetWidth) / image.width);
      const context = canvas.getContext('2d')!;
      context.imageSmoothingQuality = 'high';
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL('image/png');
    },
    { png: full, targetWidth: width },
  );
  const path = join(RESULTS_DIR, name);
  await writeFile(path, Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'));
  return path;
}
