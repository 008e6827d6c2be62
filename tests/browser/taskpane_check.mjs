// Opens the add-in's task pane from a live xlwings Server in Debian's Chromium (headless,
// puppeteer-core, no browser download), with office.js replaced by office_stand_in.js, clicks
// a button per scenario and reports what happened, as JSON on stdout.
//
// Input (JSON on stdin):
//   { "url": "http://127.0.0.1:PORT",
//     "scenarios": [ { "name": ..., "book": <workbook JSON>, "click": <button label>,
//                      "screenshot": <png path or null>,
//                      "scriptAnswer": null or {status, body}: the server's answer to the script call,
//                                      given by the test instead of the server's own } ] }
// Output per scenario: the status texts the pane showed (in order), the final status and error
// text, the stand-in's log (writes, ribbon and function ids, unsupported API), the workbook's
// final cells, axe-core's violations before and after the click, console errors, and every
// request that tried to leave 127.0.0.1 (blocked).

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = dirname(fileURLToPath(import.meta.url));
const standIn = readFileSync(join(here, "office_stand_in.js"), "utf8");
const axeSource = readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
// stdin read as a stream: a synchronous read of a pipe fails with EAGAIN when the data comes late.
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--lang=de-DE", "--font-render-hinting=none"],
});

async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const outcome = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return outcome.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return result;
}

async function scenario({ name, book, click, screenshot, scriptAnswer = null }) {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 900, deviceScaleFactor: 1 });
  const consoleErrors = [];
  const blocked = [];
  const served = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith("/office.js")) {
      served.push(url.pathname);
      request.respond({ status: 200, contentType: "application/javascript", body: standIn });
    } else if (scriptAnswer && url.pathname.includes("/xlwings/custom-scripts-call/")) {
      // What xlwings Server answers when something outside our scripts fails (prod: no details).
      request.respond({ status: scriptAnswer.status, contentType: "text/plain", body: scriptAnswer.body });
    } else if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") {
      blocked.push(request.url());
      request.abort();
    } else {
      request.continue();
    }
  });
  await page.evaluateOnNewDocument((data) => {
    globalThis.__MV_BOOK__ = data;
    globalThis.__statusSeen = [];
    document.addEventListener("DOMContentLoaded", () => {
      const status = document.getElementById("mv-status-text");
      const note = () => {
        const text = status.textContent;
        if (globalThis.__statusSeen.at(-1) !== text) globalThis.__statusSeen.push(text);
      };
      note();
      new MutationObserver(note).observe(status, { childList: true, characterData: true, subtree: true });
    });
  }, book);

  await page.goto(`${input.url}/taskpane.html`, { waitUntil: "networkidle0" });
  await page.waitForFunction(() => globalThis.mittelverteilung && globalThis.xlwings, { timeout: 30000 });
  const axeBefore = await axe(page);

  const buttons = await page.$$("button[data-script]");
  let clicked = false;
  for (const button of buttons) {
    const label = await button.evaluate((element) => element.textContent.trim());
    if (label === click) {
      await button.click();
      clicked = true;
      break;
    }
  }
  if (clicked) {
    await page.waitForFunction(
      () => {
        const text = document.getElementById("mv-status-text").textContent;
        return !text.startsWith("Schritt") && !text.startsWith("Bereit");
      },
      { timeout: 180000 },
    );
  }
  const axeAfter = await axe(page);
  const result = await page.evaluate(() => ({
    statusSeen: globalThis.__statusSeen,
    status: document.getElementById("mv-status-text").textContent,
    errorShown: !document.getElementById("mv-error").hidden,
    error: document.getElementById("mv-error").textContent,
    bodyText: document.body.innerText,
    log: globalThis.__officeLog,
    state: globalThis.__officeState(),
  }));
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return { name, clicked, ...result, axeBefore, axeAfter, consoleErrors, blocked, served };
}

const results = [];
try {
  for (const item of input.scenarios) results.push(await scenario(item));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ scenarios: results }));
