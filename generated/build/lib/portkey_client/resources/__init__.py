"""Resources of the Portkey API: one module per top-level group, imported on first use."""
