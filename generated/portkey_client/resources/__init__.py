"""Resources of the Portkey API: a module per resource, a package per resource with sub-resources, each imported on first use."""
