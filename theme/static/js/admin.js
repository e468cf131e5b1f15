// /admin/: the form editor (Decap CMS) with the site's style sheet in its previews, and the
// project's territory field: a place is typed by its name and stored by its official code.
(function () {
  const CMS = window.CMS;
  const h = window.h;
  const createClass = window.createClass;
  const script = document.querySelector('script[src$="admin.js"]');
  CMS.registerPreviewStyle(script.src.replace(/js\/admin\.js$/, "css/site.css"));

  const LIMIT = 20; // propositions shown under the field
  const SAINTS = { st: "saint", ste: "sainte" };

  // What a name is searched by: its words as `name_words` in territoires/places.py cuts them
  // (search-core.js `nameKey` runs the same words together; this page loads no module).
  function searchKey(text) {
    const plain = text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return plain
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .map((word) => SAINTS[word] || word)
      .join(" ");
  }

  // The lists are built with the site (admin/territoires/), each fetched once, when first needed.
  const lists = new Map();
  const labels = new Map(); // "communes:34164" -> "Montaud (34)", for the fields and the preview
  function territories(level) {
    if (!lists.has(level)) {
      const url = new URL(`territoires/${level}.json`, document.baseURI);
      const loading = fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(`${url} : ${response.status}`);
          return response.json();
        })
        .then((rows) => {
          for (const [code, label] of rows) labels.set(`${level}:${code}`, label);
          return rows;
        });
      loading.catch(() => lists.delete(level)); // a failed load is tried again at the next keystroke
      lists.set(level, loading);
    }
    return lists.get(level);
  }

  // Names that start with what was typed, then names with a word that does, then codes: exact
  // names first, then the shortest.
  function search(rows, typed) {
    const wanted = searchKey(typed);
    const code = typed.trim().toUpperCase();
    if (!wanted) return [];
    const found = [];
    for (const row of rows) {
      const key = row[2];
      const rank = key === wanted ? 0 : key.startsWith(wanted) ? 1 : key.includes(` ${wanted}`) ? 2 : row[0].startsWith(code) ? 3 : -1;
      if (rank >= 0) found.push([rank, key.length, row]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2][1].localeCompare(b[2][1], "fr"));
    return found.slice(0, LIMIT).map((item) => item[2]);
  }

  function codesOf(value) {
    if (!value) return [];
    if (typeof value === "string") return [value];
    return value.toJS ? value.toJS() : Array.from(value);
  }

  const hidden = { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" };

  const TerritoryControl = createClass({
    getInitialState() {
      return { text: "", options: [], active: -1, open: false, status: "", loaded: 0 };
    },
    componentDidMount() {
      // Chosen codes are shown by their names once the list is there.
      if (codesOf(this.props.value).length) this.load().catch(() => {});
    },
    level() {
      return this.props.field.get("niveau");
    },
    multiple() {
      return this.props.field.get("multiple", false);
    },
    load() {
      return territories(this.level()).then((rows) => {
        if (!this.state.loaded) this.setState({ loaded: rows.length });
        return rows;
      });
    },
    label(code) {
      return labels.get(`${this.level()}:${code}`) || code;
    },
    type(event) {
      const text = event.target.value;
      this.setState({ text, open: true });
      this.load().then(
        (rows) => {
          if (this.state.text !== text) return;
          const options = search(rows, text);
          const status = !text.trim() ? "" : options.length ? `${options.length} proposition${options.length > 1 ? "s" : ""}` : "Aucun territoire de ce nom";
          this.setState({ options, active: options.length ? 0 : -1, status });
        },
        () => this.setState({ options: [], status: "La liste des territoires n'a pas pu être chargée : réessayez." }),
      );
    },
    choose(row) {
      const code = row[0];
      const codes = codesOf(this.props.value);
      if (this.multiple()) this.props.onChange(codes.includes(code) ? codes : codes.concat([code]));
      else this.props.onChange(code);
      this.setState({ text: "", options: [], active: -1, open: false, status: `${row[1]} ajouté` });
    },
    remove(code) {
      const codes = codesOf(this.props.value).filter((other) => other !== code);
      this.props.onChange(this.multiple() ? codes : "");
      this.setState({ status: `${this.label(code)} retiré` });
    },
    keyDown(event) {
      const { options, active, open } = this.state;
      const count = options.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        this.setState({ open: true, active: (active + 1) % count });
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        this.setState({ open: true, active: (active - 1 + count) % count });
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        this.choose(options[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        this.setState({ open: false });
      }
    },
    blur() {
      this.props.setInactiveStyle();
      this.setState({ open: false });
    },
    render() {
      const { forID, classNameWrapper, setActiveStyle } = this.props;
      const { text, options, active, open, status } = this.state;
      const listId = `${forID}-propositions`;
      const expanded = open && options.length > 0;
      const codes = codesOf(this.props.value);
      const chosen = codes.length
        ? h(
            "ul",
            { style: { listStyle: "none", margin: "0 0 8px", padding: 0, display: "flex", flexWrap: "wrap", gap: "6px" } },
            codes.map((code) =>
              h(
                "li",
                { key: code, style: { border: "1px solid #5a5a5a", borderRadius: "4px", padding: "2px 4px 2px 8px" } },
                this.label(code),
                " ",
                h("button", { type: "button", onClick: () => this.remove(code), "aria-label": `Retirer ${this.label(code)}` }, "×"),
              ),
            ),
          )
        : null;
      return h(
        "div",
        { className: "territoire", style: { position: "relative" } },
        chosen,
        h("input", {
          id: forID,
          className: classNameWrapper,
          type: "text",
          role: "combobox",
          autoComplete: "off",
          value: text,
          placeholder: this.multiple() ? "Tapez un nom pour ajouter un territoire" : "Tapez un nom",
          "aria-autocomplete": "list",
          "aria-expanded": expanded ? "true" : "false",
          "aria-controls": listId,
          "aria-activedescendant": expanded && active >= 0 ? `${listId}-${active}` : undefined,
          onChange: this.type,
          onKeyDown: this.keyDown,
          onFocus: setActiveStyle,
          onBlur: this.blur,
        }),
        h(
          "ul",
          {
            id: listId,
            role: "listbox",
            hidden: !expanded,
            style: { listStyle: "none", margin: 0, padding: 0, border: "1px solid #5a5a5a", background: "#fff", maxHeight: "16em", overflowY: "auto" },
          },
          options.map((row, index) =>
            h(
              "li",
              {
                key: row[0],
                id: `${listId}-${index}`,
                role: "option",
                "aria-selected": index === active ? "true" : "false",
                onMouseDown: (event) => {
                  event.preventDefault(); // keep the focus in the field
                  this.choose(row);
                },
                style: { padding: "6px 10px", cursor: "pointer", background: index === active ? "#dfe7f5" : "transparent" },
              },
              row[1],
            ),
          ),
        ),
        h("p", { role: "status", style: hidden }, status),
      );
    },
  });

  const TerritoryPreview = createClass({
    getInitialState() {
      return { loaded: false };
    },
    componentDidMount() {
      this.mounted = true;
      if (codesOf(this.props.value).length) {
        territories(this.props.field.get("niveau")).then(
          () => this.mounted && this.setState({ loaded: true }),
          () => {},
        );
      }
    },
    componentWillUnmount() {
      this.mounted = false;
    },
    render() {
      const level = this.props.field.get("niveau");
      const names = codesOf(this.props.value).map((code) => labels.get(`${level}:${code}`) || code);
      return h("p", {}, names.join(", "));
    },
  });

  CMS.registerWidget("territoire", TerritoryControl, TerritoryPreview);

  // The preview of a record, in the site's own look (its style sheet and the classes of its record
  // pages): kind, title and summary, the text, then the other fields with their French labels.
  function isEmpty(value) {
    return value === undefined || value === null || value === "" || value.size === 0 || value.length === 0;
  }

  function shown(field, value, widgetFor) {
    const name = field.get("name");
    if (field.get("widget") === "select") {
      const options = new Map(field.get("options").map((option) => [option.get("value"), option.get("label")]));
      return codesOf(value)
        .map((item) => options.get(item) || item)
        .join(", ");
    }
    if (field.get("widget") === "boolean") return value ? "oui" : "non";
    if (typeof value === "string" || typeof value === "number") return String(value);
    return widgetFor(name);
  }

  const RecordPreview = createClass({
    render() {
      const { entry, collection, widgetFor } = this.props;
      const data = entry.get("data");
      const titleField = collection.get("identifier_field");
      const facts = [];
      collection.get("fields").forEach((field) => {
        const name = field.get("name");
        const value = data.get(name);
        if ([titleField, "resume", "body"].includes(name) || isEmpty(value)) return;
        facts.push(h("div", { key: name }, h("dt", {}, field.get("label")), h("dd", {}, shown(field, value, widgetFor))));
      });
      return h(
        "article",
        { className: `record record--${collection.get("name")}` },
        h(
          "header",
          { className: "record__header" },
          h("p", { className: "record__kind" }, collection.get("label_singular")),
          h("h1", {}, data.get(titleField) || "Sans titre"),
          data.get("resume") ? h("p", { className: "record__summary" }, data.get("resume")) : null,
        ),
        h(
          "div",
          { className: "record__layout" },
          h("div", { className: "record__main" }, h("div", { className: "prose" }, widgetFor("body"))),
          h("aside", { className: "record__aside" }, h("dl", { className: "facts facts--stacked" }, facts)),
        ),
      );
    },
  });

  // The record collections of admin/config.yml (KINDS in territoires/models/__init__.py).
  for (const kind of ["actor", "experience", "guide"]) CMS.registerPreviewTemplate(kind, RecordPreview);
})();
