// The one-click actions of the add-in's pane (Aufgabenbereich): read the open workbook, let the server's @script compute,
// write its answer into the workbook, and say in German what happened.
//
// It uses xlwings' own client (globalThis.xlwings: getBookData, runActions) for reading and
// writing, as xlwings' xw-click buttons do, but reports each step and the outcome in the pane's
// status area instead of xlwings' English banner. The ribbon's buttons (ribbon.js) call run().

import { config } from "./config.js";
import { request } from "./utils.js";

const STEPS = 3;
const actions = JSON.parse(document.getElementById("addin-actions").textContent);

function element(id) {
  return document.getElementById(id);
}

function showProgress(step, text) {
  const progress = element("mv-progress");
  progress.hidden = false;
  progress.value = step;
  element("mv-status-text").textContent = `Schritt ${step} von ${STEPS}: ${text}`;
}

function showResult(text) {
  element("mv-progress").hidden = true;
  element("mv-status-text").textContent = text;
}

function showError(text) {
  const box = element("mv-error");
  box.textContent = text;
  box.hidden = false;
}

// An error whose message is already German and meant for the user.
class AddinError extends Error {}

// The German message for a failed request: our scripts answer bad input with HTTP 400 and the
// German report as plain text (an XlwingsError); anything else is described, not passed on.
function requestFailure(error) {
  const response = error.response;
  if (response) {
    if (response.status === 400 && typeof response.data === "string" && response.data.trim()) {
      return response.data.trim();
    }
    return (
      `Der Server konnte die Aktion nicht ausführen (HTTP ${response.status}). ` +
      "Die Mappe wurde nicht verändert. Das Protokoll des Servers nennt die Ursache."
    );
  }
  return (
    "Der Server hat nicht geantwortet. Die Mappe wurde nicht verändert. " +
    "Bitte die Verbindung prüfen oder die IT fragen."
  );
}

// Names of the sheets the actions write to, in the order they first appear.
function writtenSheets(payload, answer) {
  const names = payload.sheets.map((sheet) => sheet.name);
  const written = [];
  const note = (name) => {
    if (name && !written.includes(name)) written.push(name);
  };
  for (const action of answer.actions || []) {
    if (action.func === "addSheet") {
      const [position, name] = action.args;
      names.splice(position, 0, name);
      note(name);
    } else if (action.sheet_position !== null && action.sheet_position !== undefined) {
      note(names[action.sheet_position]);
    }
  }
  return written;
}

function sheetList(names) {
  const quoted = names.map((name) => `„${name}“`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} und ${quoted.at(-1)}` : quoted.join("");
}

async function auth() {
  return typeof globalThis.getAuth === "function" ? await globalThis.getAuth() : { token: "", provider: "" };
}

let running = false;

export async function run(script) {
  const action = actions.find((candidate) => candidate.script === script);
  if (!action || running) return;
  running = true;
  const buttons = document.querySelectorAll("button[data-script]");
  buttons.forEach((button) => (button.disabled = true));
  element("mv-error").hidden = true;
  try {
    await Office.onReady();
    const { token, provider } = await auth();
    let written = [];
    await Excel.run(async (context) => {
      showProgress(1, `„${action.label}“: die Mappe wird gelesen …`);
      const headers = { "Auth-Provider": provider };
      const payload = await globalThis.xlwings.getBookData(
        { auth: token, include: action.include, exclude: action.exclude, headers },
        context,
      );
      showProgress(2, `„${action.label}“: der Server rechnet …`);
      const url = `${window.location.origin}${config.appPath}/xlwings/custom-scripts-call/${script}`;
      let answer;
      try {
        answer = (await request.post(url, payload, { headers, timeout: config.requestTimeout * 1000 })).data;
      } catch (error) {
        throw new AddinError(requestFailure(error));
      }
      showProgress(3, `„${action.label}“: die Ergebnisse werden in die Mappe geschrieben …`);
      await globalThis.xlwings.runActions(answer, context);
      written = writtenSheets(payload, answer);
    });
    showResult(
      written.length
        ? `Fertig: „${action.label}“ hat ${written.length === 1 ? "das Blatt" : "die Blätter"} ${sheetList(written)} geschrieben.`
        : `Fertig: „${action.label}“ ist abgeschlossen.`,
    );
  } catch (error) {
    console.error(error);
    showResult(`„${action.label}“ wurde nicht ausgeführt.`);
    showError(
      error instanceof AddinError
        ? error.message
        : `Excel hat die Änderung nicht angenommen (${error && error.message ? error.message : error}). ` +
            "Bitte die Mappe prüfen und erneut versuchen.",
    );
  } finally {
    buttons.forEach((button) => (button.disabled = false));
    running = false;
  }
}

globalThis.mittelverteilung = { run };

for (const button of document.querySelectorAll("button[data-script]")) {
  button.addEventListener("click", () => run(button.dataset.script));
}
