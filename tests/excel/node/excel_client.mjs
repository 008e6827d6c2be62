// Runs the JavaScript that xlwings Server hands to Excel, in Node.js, against a live server.
//
//   node excel_client.mjs BASE_URL < calls.json   (calls: [{"id": "ALLOCATE", "args": [...]}, ...])
//
// Everything that is xlwings' own code comes from the server, unchanged: the
// custom-functions code (/xlwings/custom-functions-code), its HTTP helper
// (/static/js/utils.js) and the add-in configuration (the JSON in /taskpane.html).
// Only what Excel's runtime provides is replaced by small stand-ins: the Office,
// Excel and CustomFunctions globals, and the browser's XMLHttpRequest and
// window.location. Prints one JSON answer per call: {"result": ...} or
// {"error": {"code": ..., "message": ...}} for a CustomFunctions.Error (#WERT!).

import vm from "node:vm";

const baseUrl = process.argv[2];

async function text(path) {
  const response = await fetch(baseUrl + path);
  if (!response.ok) {
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  return await response.text();
}

// --- Browser stand-ins -------------------------------------------------------

// XMLHttpRequest on top of Node's fetch, as much of it as xlwings' utils.js uses.
class XMLHttpRequest {
  constructor() {
    this.headers = {};
    this.timeout = 0;
    this.status = 0;
    this.statusText = "";
    this.responseText = "";
    this.responseHeaders = new Headers();
  }
  open(method, url) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name, value) {
    this.headers[name] = value;
  }
  getResponseHeader(name) {
    return this.responseHeaders.get(name);
  }
  send(body) {
    const signal = this.timeout ? AbortSignal.timeout(this.timeout) : undefined;
    fetch(this.url, { method: this.method, headers: this.headers, body, signal })
      .then(async (response) => {
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseHeaders = response.headers;
        this.responseText = await response.text();
        this.onload();
      })
      .catch((error) => (error.name === "TimeoutError" ? this.ontimeout() : this.onerror()));
  }
}
globalThis.XMLHttpRequest = XMLHttpRequest;
globalThis.window = { location: { origin: baseUrl } };

// --- Office.js stand-ins -----------------------------------------------------

const supported = { CustomFunctionsRuntime: 1.4, ExcelApi: 1.12 };
globalThis.Office = {
  onReady(callback) {
    const info = { host: "Excel", platform: "PC" };
    if (callback) callback(info);
    return Promise.resolve(info);
  },
  context: {
    requirements: {
      isSetSupported: (name, version) => name in supported && Number(version) <= supported[name],
    },
  },
};

class RequestContext {
  constructor() {
    this.workbook = { name: "Mittelverteilung.xlsx", load() {} };
    this.application = {
      cultureInfo: {
        name: "de-DE",
        load() {},
        datetimeFormat: { shortDatePattern: "TT.MM.JJJJ", load() {} },
      },
    };
  }
  async sync() {}
}
globalThis.Excel = { RequestContext, run: async (batch) => batch(new RequestContext()) };

const associated = new Map();
class CustomFunctionsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
globalThis.CustomFunctions = {
  associate: (id, implementation) => associated.set(id, implementation),
  Error: CustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

// --- xlwings' client code, as the server serves it ---------------------------

const utils = await import("data:text/javascript," + encodeURIComponent(await text("/static/js/utils.js")));
globalThis.xlwings = { getCultureInfoName: utils.getCultureInfoName, getDateFormat: utils.getDateFormat };
const configJson = /<script id="config" type="application\/json">([\s\S]*?)<\/script>/.exec(await text("/taskpane.html"));
globalThis.config = JSON.parse(configJson[1]);
vm.runInThisContext(await text("/xlwings/custom-functions-code"), { filename: "custom-functions-code.js" });

// --- the calls ----------------------------------------------------------------

let input = "";
for await (const chunk of process.stdin) input += chunk;
const answers = [];
for (const call of JSON.parse(input)) {
  const implementation = associated.get(call.id);
  if (!implementation) {
    answers.push({ missing: call.id, associated: [...associated.keys()] });
    continue;
  }
  const invocation = { address: "Berechnung!C5", setResult() {} };
  try {
    answers.push({ result: await implementation(...call.args, invocation) });
  } catch (error) {
    answers.push({ error: { code: error.code ?? null, message: error.message } });
  }
}
process.stdout.write(JSON.stringify({ associated: [...associated.keys()], answers }));
