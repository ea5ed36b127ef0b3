"""Renderers: analysis results as text, Markdown, CSV, JSON, HTML and exports.

Nothing here computes an analysis; each module turns results into one output.

- :mod:`.formatting`: numbers, money, percent, plural, colour, and text,
  Markdown and CSV tables, for every renderer;
- :mod:`.safetext`: user text made inert for terminals, CI logs and spreadsheets;
- :mod:`.findings`: how a finding reads, and how findings are counted in text;
- :mod:`.envelope`: the one JSON envelope, and :mod:`.jsonschemas` the schema
  of every command's JSON document;
- one module per command's output: :mod:`.check`, :mod:`.gaps`,
  :mod:`.benefits`, :mod:`.matrix`, :mod:`.summary`, :mod:`.trace`,
  :mod:`.impact` (and those of other commands beside them);
- the exports (:mod:`.export`, :mod:`.graphjson`) and the HTML pages (:mod:`.html`).
"""
