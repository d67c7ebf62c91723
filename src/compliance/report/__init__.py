"""One module per output format, each a function of the result model alone."""
