// Runs workbook/lite/main.py in Pyodide, the Python that xlwings Lite runs inside Excel.
//
//   node run_lite.mjs < request.json > answer.json
//
// request: {"main": path of main.py, "wheels": [paths of the wheels requirements.txt names],
//           "book": the workbook JSON of the Office.js client, "calls": [custom-functions call bodies]}
// The wheels are put on sys.path as they are (pure-Python wheels are zip archives Python imports
// from); what runs inside Pyodide is lite_host.py beside this file. Its answer goes to stdout.
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const request = JSON.parse(readFileSync(0, "utf-8"));
const here = dirname(fileURLToPath(import.meta.url));
const pyodide = await loadPyodide({ stdout: (line) => process.stderr.write(line + "\n") });

pyodide.FS.mkdirTree("/lite/wheels");
const wheels = request.wheels.map((path) => {
  const target = "/lite/wheels/" + basename(path);
  pyodide.FS.writeFile(target, readFileSync(path));
  return target;
});
pyodide.FS.writeFile("/lite/main.py", readFileSync(request.main));
pyodide.FS.writeFile(
  "/lite/request.json",
  JSON.stringify({ wheels, main: "/lite/main.py", book: request.book, calls: request.calls, script: request.script }),
);
const answer = await pyodide.runPythonAsync(readFileSync(join(here, "lite_host.py"), "utf-8"));
process.stdout.write(answer);
