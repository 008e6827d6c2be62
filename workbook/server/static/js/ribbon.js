// The ribbon's buttons "Mittelverteilung" (manifest.xml, ExecuteFunction): each runs the
// pane's action of the same name (mittelverteilung.js) and tells Excel when it is done.
// This file takes the place of xlwings Server's example ribbon.js.
(function () {
  const actions = JSON.parse(document.getElementById("addin-actions").textContent);
  for (const action of actions) {
    Office.actions.associate(action.script, async (event) => {
      try {
        await globalThis.mittelverteilung.run(action.script);
      } finally {
        event.completed();
      }
    });
  }
})();
