# Every target installs what it needs into a project-local virtualenv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install generate check test test-full typecheck bench update-spec docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The committed client: made from the seed spec and its config, into generated/. The tool itself
# has no default spec; every target names them.
SPEC := specs/portkey.yaml
CONFIG := specs/portkey.config.yaml
OUTPUT := generated
TOOL_ARGS := $(SPEC) --config $(CONFIG) --output $(OUTPUT)

## Generate the client from specs/portkey.yaml into generated/.
generate: $(STAMP)
	$(PY) -m generator generate $(TOOL_ARGS)

## Fail when generated/ is not exactly what the generator would write.
check: $(STAMP)
	$(PY) -m generator check $(TOOL_ARGS)

## The whole test suite (what CI runs), on TEST_WORKERS processes (pytest-xdist; 0 runs in one).
## Tests sharing an expensive fixture are kept on one worker by their xdist_group mark.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

## The suite with the long property-test search (300 examples each instead of CI's 25).
test-full: $(STAMP)
	HYPOTHESIS_PROFILE=full $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

## mypy on the generator; mypy --strict and black --check on the runtime modules where they live
## (templates/package/runtime) and on the generated package.
typecheck: $(STAMP)
	$(PY) -m mypy
	$(PY) -m mypy --strict templates/package/runtime
	$(PY) -m black --check -q -l 100 templates/package/runtime
	cd generated && ../$(PY) -m mypy --strict portkey_client
	$(PY) -m black --check -q -l 100 generated/portkey_client

bench: $(STAMP)
	$(PY) bench/run.py

## Fetch the published spec (spec_url in the config, or SPEC_URL=path-or-URL), show what
## changed for each method, regenerate. DRY_RUN=1 prints the changes and writes nothing.
update-spec: $(STAMP)
	$(PY) -m generator update-spec $(TOOL_ARGS) $(if $(DRY_RUN),--dry-run,) $(if $(SPEC_URL),--from "$(SPEC_URL)",)

## docs/config.md from the declaration of every config key (generator/config_schema.py).
docs: $(STAMP)
	$(PY) -m generator.config_schema > docs/config.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
