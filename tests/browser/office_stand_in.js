// A small stand-in for Office.js, served to the task pane in place of office.js by
// taskpane_check.mjs. Excel cannot run here; this gives the page the workbook that
// globalThis.__MV_BOOK__ holds (the workbook JSON of tests/readers/officejs_payload.py) through
// the parts of the Excel JavaScript API that xlwings' client uses to read a book and to apply
// the actions our scripts return, keeps the cells it is asked to change, and records every
// request in globalThis.__officeLog:
//   writes      every change the page asks of Excel (sheet added, values, formats, ...)
//   associated  the ids given to Office.actions.associate (ribbon buttons)
//   functions   the ids given to CustomFunctions.associate (Excel functions)
//   unsupported any API member the page used that this stand-in does not have
// Anything the page uses and this file does not know fails loudly (it is listed in
// `unsupported` and returns undefined), so the test sees it instead of a silent success.
(function () {
  "use strict";
  const source = globalThis.__MV_BOOK__;
  const log = (globalThis.__officeLog = { writes: [], associated: [], functions: [], unsupported: [] });

  // ---- addresses ----
  function columnNumber(letters) {
    let number = 0;
    for (const letter of letters.toUpperCase()) number = number * 26 + (letter.charCodeAt(0) - 64);
    return number;
  }
  function columnLetters(number) {
    let letters = "";
    while (number > 0) {
      const rest = (number - 1) % 26;
      letters = String.fromCharCode(65 + rest) + letters;
      number = Math.floor((number - 1) / 26);
    }
    return letters;
  }
  function parseCell(text) {
    const match = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(text);
    if (!match) throw new Error(`Stand-in: unknown cell address ${text}`);
    return [Number(match[2]) - 1, columnNumber(match[1]) - 1];
  }
  function parseAddress(address) {
    const plain = address.includes("!") ? address.split("!").pop() : address;
    const [first, last = first] = plain.split(":");
    const [r0, c0] = parseCell(first);
    const [r1, c1] = parseCell(last);
    return [r0, c0, r1 - r0 + 1, c1 - c0 + 1];
  }
  function quoted(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  }

  // ---- the workbook's state ----
  function newSheet(name) {
    return { name, cells: new Map(), formats: new Map(), fonts: new Map(), fills: new Map(), wrap: new Map(),
             columnWidths: new Map(), rowHeights: new Map(), merged: [], tables: [], visibility: "Visible", showGridlines: true };
  }
  const key = (r, c) => `${r},${c}`;
  const state = { name: source.book.name, active: source.book.active_sheet_index, sheets: [] };
  for (const sheet of source.sheets) {
    const kept = newSheet(sheet.name);
    sheet.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== "" && value !== null) kept.cells.set(key(r, c), value);
      }),
    );
    kept.tables = sheet.tables || [];
    kept.visibility = sheet.visibility || "Visible";
    state.sheets.push(kept);
  }

  function record(write) {
    log.writes.push(write);
  }

  // Unknown members are listed, so that a gap in this stand-in shows in the test.
  function strict(object, label) {
    return new Proxy(object, {
      get(target, property, receiver) {
        if (property in target || typeof property === "symbol" || property === "then" || property === "toJSON") {
          return Reflect.get(target, property, receiver);
        }
        log.unsupported.push(`${label}.${String(property)}`);
        return undefined;
      },
      set(target, property, value, receiver) {
        if (!(property in target)) log.unsupported.push(`${label}.${String(property)}=`);
        return Reflect.set(target, property, value, receiver);
      },
    });
  }

  const nullObject = (label) => strict({ isNullObject: true, load() { return this; } }, label);
  const emptyCollection = (label) =>
    strict({ items: [], isNullObject: false, load() { return this; },
             getItemOrNullObject: () => nullObject(`${label}.item`) }, label);

  // ---- ranges ----
  function cellMatrix(r0, c0, rows, columns, value) {
    return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => value(r0 + r, c0 + c)));
  }
  function fitted(matrix, rows, columns, what) {
    // Office.js takes a matrix of the range's size, or one value for the whole range.
    if (!Array.isArray(matrix)) return () => matrix;
    if (matrix.length === 1 && matrix[0].length === 1) return () => matrix[0][0];
    if (matrix.length !== rows || matrix.some((row) => row.length !== columns)) {
      throw new Error(`InvalidArgument: ${what} has ${matrix.length} rows, the range ${rows}`);
    }
    return (r, c) => matrix[r][c];
  }

  function makeRange(sheet, r0, c0, rows, columns) {
    const address = () =>
      `${quoted(sheet.name)}!${columnLetters(c0 + 1)}${r0 + 1}` +
      (rows > 1 || columns > 1 ? `:${columnLetters(c0 + columns)}${r0 + rows}` : "");
    const where = () => ({ sheet: sheet.name, address: address().split("!").pop() });
    const eachCell = (action) => {
      for (let r = 0; r < rows; r += 1) for (let c = 0; c < columns; c += 1) action(r, c, key(r0 + r, c0 + c));
    };
    const font = strict({}, "Range.format.font");
    for (const property of ["name", "size", "bold", "italic", "color", "underline"]) {
      Object.defineProperty(font, property, {
        set(value) {
          eachCell((r, c, k) => sheet.fonts.set(k, { ...(sheet.fonts.get(k) || {}), [property]: value }));
          record({ op: `font.${property}`, value, ...where() });
        },
        get() { return (sheet.fonts.get(key(r0, c0)) || {})[property]; },
      });
    }
    const fill = strict({
      clear() { eachCell((r, c, k) => sheet.fills.delete(k)); record({ op: "fill.clear", ...where() }); },
    }, "Range.format.fill");
    Object.defineProperty(fill, "color", {
      set(value) { eachCell((r, c, k) => sheet.fills.set(k, value)); record({ op: "fill.color", value, ...where() }); },
      get() { return sheet.fills.get(key(r0, c0)); },
    });
    const format = strict({ font, fill }, "Range.format");
    Object.defineProperties(format, {
      wrapText: {
        set(value) { eachCell((r, c, k) => sheet.wrap.set(k, value)); record({ op: "wrapText", value, ...where() }); },
        get() { return sheet.wrap.get(key(r0, c0)) || false; },
      },
      columnWidth: {
        set(value) {
          for (let c = 0; c < columns; c += 1) sheet.columnWidths.set(c0 + c, value);
          record({ op: "columnWidth", value, ...where() });
        },
      },
      rowHeight: {
        set(value) {
          for (let r = 0; r < rows; r += 1) sheet.rowHeights.set(r0 + r, value);
          record({ op: "rowHeight", value, ...where() });
        },
      },
    });
    const range = {
      isNullObject: false,
      rowCount: rows,
      columnCount: columns,
      rowIndex: r0,
      columnIndex: c0,
      format,
      load() { return range; },
      get address() { return address(); },
      get worksheet() { return worksheet(sheet); },
      get values() {
        return cellMatrix(r0, c0, rows, columns, (r, c) => (sheet.cells.has(key(r, c)) ? sheet.cells.get(key(r, c)) : ""));
      },
      set values(matrix) {
        const value = fitted(matrix, rows, columns, "values");
        eachCell((r, c, k) => {
          const v = value(r, c);
          if (v === "" || v === null) sheet.cells.delete(k);
          else sheet.cells.set(k, v);
        });
        record({ op: "values", ...where() });
      },
      get numberFormat() {
        return cellMatrix(r0, c0, rows, columns, (r, c) => sheet.formats.get(key(r, c)) || "General");
      },
      set numberFormat(matrix) {
        const value = fitted(matrix, rows, columns, "numberFormat");
        eachCell((r, c, k) => sheet.formats.set(k, value(r, c)));
        record({ op: "numberFormat", value: Array.isArray(matrix) ? matrix[0][0] : matrix, ...where() });
      },
      merge(across = false) {
        // Headings and footnotes span the table's width in one merged cell (one sentence, one cell).
        sheet.merged.push(where().address);
        record({ op: "merge", across, ...where() });
      },
      getSurroundingRegion() {
        // The block of filled cells that starts here (enough for the sheet xlwings.conf).
        let lastRow = r0;
        while (sheet.cells.has(key(lastRow + 1, c0))) lastRow += 1;
        let lastColumn = c0;
        while (sheet.cells.has(key(r0, lastColumn + 1))) lastColumn += 1;
        return makeRange(sheet, r0, c0, lastRow - r0 + 1, lastColumn - c0 + 1);
      },
      clear() {
        eachCell((r, c, k) => {
          for (const map of [sheet.cells, sheet.formats, sheet.fonts, sheet.fills, sheet.wrap]) map.delete(k);
        });
        record({ op: "clear", ...where() });
      },
    };
    return strict(range, "Range");
  }

  function usedRange(sheet) {
    let lastRow = -1;
    let lastColumn = -1;
    for (const k of sheet.cells.keys()) {
      const [r, c] = k.split(",").map(Number);
      lastRow = Math.max(lastRow, r);
      lastColumn = Math.max(lastColumn, c);
    }
    if (lastRow < 0) return nullObject("UsedRange");
    return makeRange(sheet, 0, 0, lastRow + 1, lastColumn + 1);
  }

  // ---- tables, names ----
  function table(sheet, data) {
    const rangeOf = (address) => {
      const [r, c, rows, columns] = parseAddress(address);
      return makeRange(sheet, r, c, rows, columns);
    };
    return strict({
      name: data.name,
      showHeaders: data.show_headers,
      showTotals: data.show_totals,
      style: data.table_style,
      showFilterButton: data.show_autofilter,
      highlightFirstColumn: data.show_table_style_first_column,
      highlightLastColumn: data.show_table_style_last_column,
      showBandedRows: data.show_table_style_row_stripes,
      showBandedColumns: data.show_table_style_column_stripes,
      getRange: () => rangeOf(data.range_address),
      getDataBodyRange: () => rangeOf(data.data_body_range_address),
      getHeaderRowRange: () => rangeOf(data.header_row_range_address),
      getTotalRowRange: () => (data.total_row_range_address ? rangeOf(data.total_row_range_address) : nullObject("TotalRow")),
      columns: strict({ items: data.columns.map((name) => ({ name })), load() { return this; } }, "Table.columns"),
    }, "Table");
  }

  function namedItem(data) {
    return strict({
      name: data.name,
      type: data.type,
      formula: data.refers_to,
      getRangeOrNullObject() {
        if (data.sheet_index === null || data.sheet_index === undefined || !data.address) return nullObject("Name.range");
        const sheet = state.sheets[data.sheet_index];
        const [r, c, rows, columns] = parseAddress(data.address);
        return makeRange(sheet, r, c, rows, columns);
      },
    }, "NamedItem");
  }

  // ---- worksheets ----
  function worksheet(sheet) {
    const api = {
      isNullObject: false,
      get name() { return sheet.name; },
      set name(value) { record({ op: "sheet.name", from: sheet.name, value }); sheet.name = value; },
      get position() { return state.sheets.indexOf(sheet); },
      set position(index) {
        const from = state.sheets.indexOf(sheet);
        state.sheets.splice(from, 1);
        state.sheets.splice(index, 0, sheet);
        record({ op: "sheet.position", sheet: sheet.name, value: index });
      },
      get visibility() { return sheet.visibility; },
      get showGridlines() { return sheet.showGridlines; },
      names: emptyCollection("Worksheet.names"),
      charts: emptyCollection("Worksheet.charts"),
      shapes: emptyCollection("Worksheet.shapes"),
      pageLayout: strict({ getPrintAreaOrNullObject: () => nullObject("PrintArea") }, "Worksheet.pageLayout"),
      get tables() {
        return strict({ items: sheet.tables.map((data) => table(sheet, data)), load() { return this; } }, "Worksheet.tables");
      },
      load() { return api; },
      activate() { state.active = state.sheets.indexOf(sheet); record({ op: "sheet.activate", sheet: sheet.name }); },
      getUsedRangeOrNullObject: () => usedRange(sheet),
      getRange(address = "A1") {
        const [r, c, rows, columns] = parseAddress(address);
        return makeRange(sheet, r, c, rows, columns);
      },
      getRangeByIndexes: (r, c, rows, columns) => makeRange(sheet, r, c, rows, columns),
      getRanges: () => strict({
        clear() {
          for (const map of [sheet.cells, sheet.formats, sheet.fonts, sheet.fills, sheet.wrap]) map.clear();
          record({ op: "sheet.clear", sheet: sheet.name });
        },
      }, "RangeAreas"),
    };
    return strict(api, "Worksheet");
  }

  const worksheets = strict({
    get items() { return state.sheets.map(worksheet); },
    load() { return worksheets; },
    getItem(name) {
      const sheet = state.sheets.find((candidate) => candidate.name === name);
      if (!sheet) throw new Error(`ItemNotFound: ${name}`);
      return worksheet(sheet);
    },
    getItemOrNullObject(name) {
      const sheet = state.sheets.find((candidate) => candidate.name === name);
      return sheet ? worksheet(sheet) : nullObject("Worksheet");
    },
    getActiveWorksheet: () => worksheet(state.sheets[state.active]),
    add(name) {
      const sheet = newSheet(name || `Tabelle${state.sheets.length + 1}`);
      state.sheets.push(sheet);  // Excel adds a new sheet at the end
      record({ op: "sheet.add", sheet: sheet.name });
      return worksheet(sheet);
    },
  }, "WorksheetCollection");

  const workbook = strict({
    get name() { return state.name; },
    load() { return workbook; },
    worksheets,
    names: strict({ items: source.names.map(namedItem), load() { return this; } }, "Workbook.names"),
    application: strict({ calculationMode: "Automatic", load() { return this; } }, "Application"),
    getSelectedRange: () => makeRange(state.sheets[state.active], 0, 0, 1, 1),
  }, "Workbook");

  class RequestContext {
    constructor() {
      this.workbook = workbook;
    }
    async sync() {}
  }

  // Requirement sets: what Excel on the web has had for years; the newer optional ones are off,
  // so xlwings takes its fallbacks (no notes, no pivot tables, no culture info).
  const supported = { ExcelApi: "1.7", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.4", RibbonApi: "1.1" };
  function isSetSupported(name, version = "1.1") {
    const have = supported[name];
    if (!have) return false;
    const [a, b] = have.split(".").map(Number);
    const [x, y = 0] = String(version).split(".").map(Number);
    return a > x || (a === x && b >= y);
  }

  const ready = { host: "Excel", platform: "OfficeOnline" };
  globalThis.Office = strict({
    onReady(callback) {
      if (callback) Promise.resolve().then(() => callback(ready));
      return Promise.resolve(ready);
    },
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    context: strict({
      requirements: { isSetSupported },
      diagnostics: { version: "Stand-in", platform: "OfficeOnline" },
      displayLanguage: "de-DE",
      contentLanguage: "de-DE",
    }, "Office.context"),
    actions: { associate(id) { log.associated.push(id); } },
    addin: strict({ showAsTaskpane: async () => {}, hide: async () => {} }, "Office.addin"),
  }, "Office");

  globalThis.Excel = strict({
    RequestContext,
    ClearApplyTo: { all: "All", contents: "Contents", formats: "Formats" },
    ShapeType: { image: "Image" },
    async run(...args) {
      const batch = args[args.length - 1];
      return batch(new RequestContext());
    },
  }, "Excel");

  class CustomFunctionsError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }
  globalThis.CustomFunctions = strict({
    associate(id) { log.functions.push(typeof id === "string" ? id : Object.keys(id)); },
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!",
                 invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
  }, "CustomFunctions");

  // What the test reads back at the end: every sheet with its cells and number formats.
  globalThis.__officeState = () =>
    state.sheets.map((sheet) => ({
      name: sheet.name,
      cells: Object.fromEntries(sheet.cells),
      formats: Object.fromEntries(sheet.formats),
    }));
})();
