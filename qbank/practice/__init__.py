"""Student practice: a terminal drill and a local web page, with instant feedback and worked solutions."""
