"""Many sites at once: streaming rows in, parallel workers, district figures and the batch outputs."""
