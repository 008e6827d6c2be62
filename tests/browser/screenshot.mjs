// Renders one SVG file in Debian's Chromium and writes a PNG of exactly its size.
// Usage: node screenshot.mjs CHART.svg OUT.png [scale]
import { readFile } from "node:fs/promises";
import puppeteer from "puppeteer-core";

const [source, target, scale = "1"] = process.argv.slice(2);
const markup = await readFile(source, "utf8");
const width = Number(/width="([\d.]+)"/.exec(markup)[1]);
const height = Number(/height="([\d.]+)"/.exec(markup)[1]);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Math.ceil(width), height: Math.ceil(height), deviceScaleFactor: Number(scale) });
  await page.setContent(`<!doctype html><html lang="de"><body style="margin:0">${markup}</body></html>`);
  const overflow = await page.evaluate(() => {
    const svg = document.querySelector("svg").getBoundingClientRect();
    return [...document.querySelectorAll("svg text")]
      .map((node) => [node.textContent, node.getBoundingClientRect()])
      .filter(([, box]) => box.left < svg.left - 0.5 || box.right > svg.right + 0.5 || box.bottom > svg.bottom + 0.5)
      .map(([text]) => text);
  });
  await page.screenshot({ path: target, clip: { x: 0, y: 0, width, height } });
  process.stdout.write(JSON.stringify({ width, height, overflow }) + "\n");
} finally {
  await browser.close();
}
