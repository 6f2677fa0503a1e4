"""Built-in templates, one module per topic. Importing a module registers its templates."""
