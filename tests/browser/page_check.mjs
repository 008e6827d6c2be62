// Opens a page (file URL) in Debian's Chromium, injects axe-core, runs it, takes a screenshot, prints JSON.
// Usage: node page_check.mjs FILE_URL SCREENSHOT.png [WIDTH HEIGHT]
// Printed: {title, lang, violations:[{id, impact, help, targets}], passes, rowHeaders:[...], captions:[...],
//           figures:[{caption, label}], widths:{viewport, document}, external:[...]}
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [url, screenshot, width = "1280", height = "900"] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error("Aufruf: node page_check.mjs DATEI-URL BILDSCHIRMFOTO.png [BREITE HÖHE]");
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  const external = [];
  page.on("request", (request) => {
    if (!request.url().startsWith("file:") && !request.url().startsWith("data:")) external.push(request.url());
  });
  await page.setViewport({ width: Number(width), height: Number(height), deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: "load" });
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const axeResult = await window.axe.run(document, { resultTypes: ["violations"] });
    return {
      title: document.title,
      lang: document.documentElement.lang,
      violations: axeResult.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
      })),
      passes: axeResult.passes.length,
      rowHeaders: [...document.querySelectorAll("tbody th[scope=row]")].map((th) => th.textContent.trim()),
      visibleRowHeaders: [...document.querySelectorAll("tbody th[scope=row]")]
        .filter((th) => th.getBoundingClientRect().height > 0)
        .map((th) => th.textContent.trim()),
      captions: [...document.querySelectorAll("caption")].map((c) => c.textContent.trim()),
      figures: [...document.querySelectorAll("figure")].map((f) => ({
        caption: f.querySelector("figcaption")?.textContent.trim() ?? "",
        label: f.querySelector("svg")?.getAttribute("aria-label") ?? "",
      })),
      widths: { viewport: window.innerWidth, document: document.documentElement.scrollWidth },
    };
  });
  await page.screenshot({ path: screenshot, fullPage: false });
  result.external = external;
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
