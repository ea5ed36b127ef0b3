"""Where a model comes from besides its YAML files: a git revision (``git``), a spreadsheet (``spreadsheet``,
laid out by ``sheetlayout``), which ``yamlwrite`` turns into commented YAML."""
