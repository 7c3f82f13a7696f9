"""Benchmarks: `make bench`. Prints one table and writes bench/results/latest.json.

Each figure is the median of several runs, with min and max. Where an alternative is
installed (openapi-python-client, portkey_ai; each in a venv the script makes under
.cache/bench), it is measured alternately with ours in the same run and the ratio shown.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parents[1]
FULL_SPEC = ROOT.parent / "shared" / "specs" / "portkey-openapi.yaml"
CONFIG = ROOT / "specs" / "portkey.config.yaml"
CACHE = ROOT / ".cache" / "bench"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable


@dataclass
class Figure:
    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    memory_mb: list[float] = field(default_factory=list)
    note: str = ""
    ratio_to: str = ""
    ratio: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    def row(self) -> str:
        if not self.samples:
            return f"| {self.name} | – | – | – | – | {self.note} |"
        memory = f"{statistics.median(self.memory_mb):.0f} MB" if self.memory_mb else ""
        ratio = f"{self.ratio:.2f}× {self.ratio_to}" if self.ratio is not None else ""
        shown = "{:.0f}" if self.unit == "lines" else "{:.3g}"
        low, high, median = (shown.format(v) for v in (min(self.samples), max(self.samples), self.median))
        return (f"| {self.name} | {median} {self.unit} | {low}–{high} | "
                f"{memory} | {ratio} | {self.note} |")


def timed(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of the child, exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def generator(*args: str) -> list[str]:
    return [PYTHON, "-m", "generator", *args]


def bench_generation(runs: int, figures: list[Figure]) -> None:
    opc = _openapi_python_client()
    cold, noop, changed, check = (Figure(n, "s") for n in ("generate, cold (no caches)", "generate, no-op",
                                                          "generate, one operation changed", "check (drift)"))  # fmt: skip
    everything = Figure("generate, cold, black on every file (--format-all)", "s",
                        note="the same bytes; shows what the black-stable layout saves")  # fmt: skip
    other = Figure("openapi-python-client generate", "s", note=opc[1])
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    opc_config = work / "opc.yaml"
    opc_config.write_text("literal_enums: true\n")
    changed_spec = work / "changed.yaml"
    changed_spec.write_text(FULL_SPEC.read_text().replace("summary: Create Speech", "summary: Create speech audio", 1))
    for run in range(runs):
        out = work / f"out{run}"
        seconds, memory, code = timed(generator("generate", str(FULL_SPEC), "--config", str(CONFIG), "--output", str(out), "--no-cache"))
        assert code == 0, "generation failed"
        cold.samples.append(seconds)
        cold.memory_mb.append(memory)
        seconds, memory, code = timed(generator("generate", str(FULL_SPEC), "--config", str(CONFIG), "--output",
                                                str(work / f"all{run}"), "--no-cache", "--format-all"))  # fmt: skip
        assert code == 0, "generation with --format-all failed"
        everything.samples.append(seconds)
        everything.memory_mb.append(memory)
        seconds, memory, _ = timed(generator("generate", str(FULL_SPEC), "--config", str(CONFIG), "--output", str(out)))
        noop.samples.append(seconds)
        noop.memory_mb.append(memory)
        seconds, memory, _ = timed(generator("check", str(FULL_SPEC), "--config", str(CONFIG), "--output", str(out)))
        check.samples.append(seconds)
        check.memory_mb.append(memory)
        seconds, memory, _ = timed(generator("generate", str(changed_spec), "--config", str(CONFIG), "--output", str(out)))
        changed.samples.append(seconds)
        changed.memory_mb.append(memory)
        if opc[0] is not None:  # alternately, in the same run
            target = work / f"opc{run}"
            # literal_enums gets it past its crash on this spec ("Duplicate key C in enum ...").
            seconds, memory, code = timed([str(opc[0]), "generate", "--path", str(FULL_SPEC), "--output-path", str(target),
                                           "--overwrite", "--config", str(opc_config)], cwd=work)  # fmt: skip
            other.samples.append(seconds)
            other.memory_mb.append(memory)
            other.note = f"{opc[1]} (exit {code})"
    if other.samples:
        cold.ratio, cold.ratio_to = cold.median / other.median, "of openapi-python-client"
    if other.samples:
        everything.ratio, everything.ratio_to = everything.median / other.median, "of openapi-python-client"
    figures += [cold, everything, noop, changed, check, other]
    shutil.rmtree(work, ignore_errors=True)


def _openapi_python_client() -> tuple[Path | None, str]:
    venv = CACHE / "opc-venv"
    binary = venv / "bin" / "openapi-python-client"
    if not binary.exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        install = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "openapi-python-client==0.29.1"],
                                 capture_output=True, text=True)  # fmt: skip
        if install.returncode != 0:
            return None, f"openapi-python-client not installable here: {install.stderr.strip()[-120:]}"
    return binary, "openapi-python-client 0.29.1, literal_enums, with its ruff pass"


def synthetic_spec(factor: int, target: Path) -> Path:
    """The Portkey spec with every path and schema repeated `factor` times under new names."""
    spec = yaml.load(FULL_SPEC.read_text(), Loader=yaml.CSafeLoader)
    text = json.dumps(spec, default=str)
    paths: dict[str, object] = {}
    schemas: dict[str, object] = {}
    for copy in range(factor):
        suffix = "" if copy == 0 else f"V{copy}"
        renamed = json.loads(text.replace("#/components/schemas/", f"#/components/schemas/{suffix}")) if suffix else spec
        for path, item in renamed["paths"].items():
            prefix = f"/v{copy}" if copy else ""
            for operation in item.values():
                if isinstance(operation, dict) and "operationId" in operation:
                    operation["operationId"] += suffix
            paths[prefix + path] = item
        for name, schema in renamed["components"]["schemas"].items():
            schemas[suffix + name] = schema
    spec["paths"], spec["components"]["schemas"] = paths, schemas
    target.write_text(json.dumps(spec, default=str))
    return target


def bench_scaling(runs: int, figures: list[Figure]) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    results = {}
    for factor in (1, 10):
        spec = synthetic_spec(factor, work / f"spec{factor}.json")
        figure = Figure(f"generate, cold, synthetic {factor}× spec", "s")
        for run in range(max(1, runs - 1)):
            seconds, memory, code = timed(generator("generate", str(spec), "--config", str(CONFIG),
                                                    "--output", str(work / f"o{factor}-{run}"), "--no-cache"))  # fmt: skip
            assert code == 0
            figure.samples.append(seconds)
            figure.memory_mb.append(memory)
        results[factor] = figure
        figures.append(figure)
    results[10].ratio, results[10].ratio_to = results[10].median / results[1].median, "of the 1× time (linear: 10×)"
    shutil.rmtree(work, ignore_errors=True)


CLIENT_SETUP = """
import json, httpx
COMPLETION = json.dumps({"id": "c", "object": "chat.completion", "created": 1, "model": "gpt-4o",
  "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None, "message": {"role": "assistant", "content": "hello " * 40, "refusal": None}}],
  "usage": {"prompt_tokens": 5, "completion_tokens": 40, "total_tokens": 45}}).encode()
def handler(request):
    return httpx.Response(200, content=COMPLETION, headers={"content-type": "application/json"})
transport = httpx.MockTransport(handler)
"""


def bench_client(runs: int, figures: list[Figure], package_dir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(package_dir)}
    floor = Figure("import httpx + pydantic (floor)", "ms")
    ours = Figure("import portkey_client + construct a client", "ms")
    for _ in range(max(runs, 5)):
        for figure, code in ((floor, "import httpx, pydantic"),
                             (ours, "import httpx, pydantic\nimport portkey_client\nportkey_client.Portkey(api_key='k')")):  # fmt: skip
            figure.samples.append(_fresh_process_ms(code, env))
    ours.ratio, ours.ratio_to = ours.median / floor.median, "of the floor"
    figures += [floor, ours]
    sdk = _portkey_ai()
    if sdk is not None:
        official = Figure("import portkey_ai + construct a client", "ms", note="portkey_ai, in .cache/bench")
        for _ in range(max(runs, 5)):
            official.samples.append(_fresh_process_ms("import portkey_ai\nportkey_ai.Portkey(api_key='k')", {**os.environ}, sdk))
        figures.append(official)
        ours.note = f"{official.median / ours.median:.1f}× faster than portkey_ai"
    call_ours = Figure("client-side cost of a chat completion call", "µs")
    call_raw = Figure("  hand-written httpx, same request", "µs")
    call_ours.samples = _call_cost(env, """
import portkey_client
client = portkey_client.Portkey(api_key="k", base_url="http://gw.test/v1", http_client=httpx.Client(transport=transport))
def call():
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
""", runs)
    call_raw.samples = _call_cost(env, """
client = httpx.Client(transport=transport)
def call():
    response = client.post("http://gw.test/v1/chat/completions", headers={"x-portkey-api-key": "k"},
                           json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]})
    return response.json()
""", runs)
    call_ours.ratio, call_ours.ratio_to = call_ours.median / call_raw.median, "of hand-written httpx"
    figures += [call_ours, call_raw]
    if sdk is not None:
        call_sdk = Figure("  portkey_ai, same call", "µs", note="portkey_ai, in .cache/bench")
        call_sdk.samples = _call_cost({**os.environ}, """
import portkey_ai
client = portkey_ai.Portkey(api_key="k", base_url="http://gw.test/v1", http_client=httpx.Client(transport=transport))
def call():
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
""", runs, sdk)
        figures.append(call_sdk)
        call_ours.note = f"{call_sdk.median / call_ours.median:.1f}× less than portkey_ai"
    stream = Figure("stream parsing, 10,000-chunk SSE response", "chunks/s")
    stream.samples = _stream_rate(env, runs)
    figures.append(stream)


def _fresh_process_ms(code: str, env: dict[str, str], python: Path | None = None) -> float:
    program = f"import time\nstarted = time.perf_counter()\n{code}\nprint((time.perf_counter() - started) * 1000)"
    result = subprocess.run([str(python or PYTHON), "-c", program], capture_output=True, text=True, env=env, check=True)
    return float(result.stdout.strip())


def _call_cost(env: dict[str, str], body: str, runs: int, python: Path | None = None) -> list[float]:
    program = CLIENT_SETUP + body + """
import time
for _ in range(200):
    call()
samples = []
for _ in range(%d):
    started = time.perf_counter()
    for _ in range(500):
        call()
    samples.append((time.perf_counter() - started) / 500 * 1e6)
print(json.dumps(samples))
""" % max(runs, 5)
    result = subprocess.run([str(python or PYTHON), "-c", program], capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _stream_rate(env: dict[str, str], runs: int) -> list[float]:
    program = """
import json, time, httpx, portkey_client
chunk = json.dumps({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                    "choices": [{"index": 0, "delta": {"content": "word "}, "finish_reason": None}]})
body = ("".join(f"data: {chunk}\\n\\n" for _ in range(10000)) + "data: [DONE]\\n\\n").encode()
transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers={"content-type": "text/event-stream"}))
client = portkey_client.Portkey(api_key="k", base_url="http://gw.test/v1", http_client=httpx.Client(transport=transport))
rates = []
for _ in range(%d):
    started = time.perf_counter()
    count = sum(1 for _ in client.chat.completions.create(model="m", messages=[], stream=True))
    rates.append(count / (time.perf_counter() - started))
print(json.dumps(rates))
""" % max(runs, 3)
    result = subprocess.run([PYTHON, "-c", program], capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _portkey_ai() -> Path | None:
    venv = CACHE / "portkey-ai-venv"
    python = venv / "bin" / "python"
    if not (venv / ".ready").exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        if subprocess.run([str(python), "-m", "pip", "install", "-q", "portkey-ai"], capture_output=True).returncode:
            return None
        (venv / ".ready").write_text("ok")
    return python


def _resource_lines(package: Path) -> tuple[int, int]:
    """Lines in the package's resources/ modules: all of them, and those outside docstrings."""
    total = documentation = 0
    for path in (package / "resources").glob("*.py"):
        source = path.read_text()
        total += len(source.splitlines())
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                documentation += (node.end_lineno or node.lineno) - node.lineno + 1
    return total, total - documentation


def bench_size(figures: list[Figure], package_dir: Path) -> None:
    """Lines in resources/ of the full-spec client, and what they would be with each named inline
    enum or union written out wherever it is used (the generator's own pipeline, in process)."""
    from generator.pipeline import Options, generate, write
    from generator.render.views import params

    package = next(p for p in package_dir.iterdir() if (p / "resources").is_dir())
    ours, ours_code = _resource_lines(package)
    inlined_dir = Path(tempfile.mkdtemp(prefix="bench-inlined-"))
    named = params.NAMED_INLINE_LENGTH
    params.NAMED_INLINE_LENGTH = 1 << 30  # no inline type is long enough to get a name
    try:
        write(generate(Options(spec=FULL_SPEC, config=CONFIG, output=inlined_dir)), inlined_dir)
    finally:
        params.NAMED_INLINE_LENGTH = named
    inlined, inlined_code = _resource_lines(inlined_dir / package.name)
    shutil.rmtree(inlined_dir, ignore_errors=True)
    figures.append(Figure("lines in resources/ (full-spec client)", "lines", [float(ours)],
                          note=f"{inlined} with the named inline enums and unions written out in place"))
    figures.append(Figure("lines in resources/ outside docstrings", "lines", [float(ours_code)],
                          note=f"{inlined_code} with the inline types written out: the aliases save "
                               f"{inlined_code - ours_code} ({(inlined_code - ours_code) / inlined_code:.0%})"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()
    if not FULL_SPEC.is_file():
        print(f"skipped: the complete Portkey spec is not at {FULL_SPEC}")
        return 0
    figures: list[Figure] = []
    bench_generation(args.runs, figures)
    if not args.skip_scaling:
        bench_scaling(args.runs, figures)
    package_dir = Path(tempfile.mkdtemp(prefix="bench-client-"))
    subprocess.run(generator("generate", str(FULL_SPEC), "--config", str(CONFIG), "--output", str(package_dir)),
                   check=True, capture_output=True)  # fmt: skip
    # Byte-compile it, as `pip install` does (this machine sets PYTHONDONTWRITEBYTECODE).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(package_dir)], check=True,
                   env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})  # fmt: skip
    bench_client(args.runs, figures, package_dir)
    bench_size(figures, package_dir)
    shutil.rmtree(package_dir, ignore_errors=True)
    lines = ["| measure | median | min–max | peak memory | ratio | note |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [figure.row() for figure in figures]
    print("\n".join(lines))
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = [{"name": f.name, "unit": f.unit, "median": f.median, "samples": f.samples, "peak_memory_mb": f.memory_mb,
             "ratio": f.ratio, "ratio_to": f.ratio_to, "note": f.note} for f in figures]  # fmt: skip
    (RESULTS / "latest.json").write_text(json.dumps(data, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
