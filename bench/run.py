"""Benchmarks: `make bench`. Prints one table and writes bench/results/latest.json.

Each figure is the median of several runs, with min and max. Where an alternative is
installed (openapi-python-client, portkey_ai, openai-python's SSE decoder; each in a venv the
script makes under .cache/bench), it is measured alternately with ours in the same run and the
ratio shown. The client's in-memory figures are CPU time over interleaved rounds in one process,
with the spread of the per-round ratio, so that a 10% change stands out of the noise.
The generator is also timed on a synthetic Stripe-sized spec (bench/synthetic_spec.py: 500
operations, 2,500 schemas), against openapi-python-client in the same run; for it and the full
Portkey spec the table shows the largest generated module, the 95th percentile public class name
and the files black ran on (bench/layout.py, which measures any spec).
`--client-only` skips the generator's figures; `--skip-synthetic` the synthetic spec; `--skip-hover`
the language server's first hover (bench/hover.py, which needs npm for pyright).
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
        shown = "{:.0f}" if self.unit in ("lines", "chars", "files") else "{:.3g}"
        low, high, median = (shown.format(v) for v in (min(self.samples), max(self.samples), self.median))
        return (f"| {self.name} | {median} {self.unit} | {low}–{high} | "
                f"{memory} | {ratio} | {self.note} |")


# Starts the command and prints its wall seconds, peak RSS (KiB) and exit code. Linux counts the
# memory of the process a command is started from in the command's peak (exec records the old
# address space's high-water mark), so commands are started from this small process rather than
# from the benchmark, which holds a large synthetic spec by the time it times some of them.
_TIMER = """
import os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def timed(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of the command, exit code."""
    output = subprocess.run([PYTHON, "-c", _TIMER, *command], cwd=cwd, env=env, check=True,
                            capture_output=True, text=True).stdout  # fmt: skip
    seconds, kib, code = output.split()
    return float(seconds), int(kib) / 1024, int(code)


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
        record_opc(other, opc, FULL_SPEC, work / f"opc{run}", opc_config)  # alternately, in the same run
    if other.samples:
        cold.ratio, cold.ratio_to = cold.median / other.median, "of openapi-python-client"
    if other.samples:
        everything.ratio, everything.ratio_to = everything.median / other.median, "of openapi-python-client"
    figures += [cold, everything, noop, changed, check, other]
    figures += layout_figures("full Portkey spec", FULL_SPEC, CONFIG)
    shutil.rmtree(work, ignore_errors=True)


def record_opc(figure: Figure, opc: tuple[Path | None, str], spec: Path, target: Path, config: Path) -> None:
    """One run of openapi-python-client, into figure (none where it could not be installed)."""
    if opc[0] is not None:
        seconds, memory, code = time_opc(opc[0], spec, target, config)
        figure.samples.append(seconds)
        figure.memory_mb.append(memory)
        figure.note = f"{opc[1]} (exit {code})"


def time_opc(binary: Path, spec: Path, target: Path, config: Path) -> tuple[float, float, int]:
    """openapi-python-client generating spec, as its users run it: with its own ruff on PATH (its
    post-generation hooks run ruff; without it the run fails before they are done)."""
    env = {**os.environ, "PATH": f"{binary.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    # literal_enums gets it past its crash on the Portkey spec ("Duplicate key C in enum ...").
    return timed([str(binary), "generate", "--path", str(spec), "--output-path", str(target), "--overwrite",
                  "--config", str(config)], cwd=target.parent, env=env)  # fmt: skip


def layout_figures(label: str, spec: Path, config: Path | None) -> list[Figure]:
    """The largest module, the 95th percentile class name and the files black ran on (bench/layout.py)."""
    import layout

    found = layout.layout_of(spec, config)
    path, lines = found.largest[0]
    return [
        Figure(f"largest generated module, {label}", "lines", [float(lines)],
               note=f"{path}; {found.over_limit} of {found.modules} modules over {layout.MODULE_LIMIT} lines"),
        Figure(f"95th percentile public class name, {label}", "chars", [float(found.percentiles["p95"])],
               note=f"{found.classes} names; longest {found.percentiles['max']} ({found.longest})"),
        Figure(f"files black ran on, {label}", "files", [float(len(found.black_files))],
               note=", ".join(found.black_files[:3])),
    ]  # fmt: skip


def bench_synthetic(runs: int, figures: list[Figure]) -> None:
    """A synthetic Stripe-sized spec (bench/synthetic_spec.py), generated by ours and by
    openapi-python-client alternately, each cold; and the layout of ours."""
    from synthetic_spec import write_synthetic_spec

    work = Path(tempfile.mkdtemp(prefix="bench-synthetic-"))
    spec = write_synthetic_spec(work / "synthetic.json")
    opc = _openapi_python_client()
    opc_config = work / "opc.yaml"
    opc_config.write_text("literal_enums: true\n")
    ours = Figure("generate, cold, synthetic Stripe-sized spec (500 operations, 2,500 schemas)", "s",
                  note=f"{spec.stat().st_size / 1e6:.1f} MB of JSON (bench/synthetic_spec.py)")  # fmt: skip
    other = Figure("  openapi-python-client, the same spec", "s", note=opc[1])
    for run in range(runs):
        seconds, memory, code = timed(generator("generate", str(spec), "--output", str(work / f"out{run}"), "--no-cache"))
        assert code == 0, "generation of the synthetic spec failed"
        ours.samples.append(seconds)
        ours.memory_mb.append(memory)
        record_opc(other, opc, spec, work / f"opc{run}", opc_config)
    if other.samples:
        ours.ratio, ours.ratio_to = ours.median / other.median, "of openapi-python-client"
    figures += [ours, other, *layout_figures("synthetic spec", spec, None)]
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
    samples = _interleaved(env, CALL_OURS + CALL_RAW, ["ours", "raw"], CALL_ROUNDS, CALL_NUMBER)
    call_ours.samples, call_raw.samples = samples["ours"], samples["raw"]
    ratios = [a / b for a, b in zip(call_ours.samples, call_raw.samples)]
    call_ours.ratio, call_ours.ratio_to = statistics.median(ratios), "of hand-written httpx"
    call_ours.note = f"per-round ratio {_spread(ratios)}; {len(ratios)} interleaved rounds of {CALL_NUMBER} calls"
    figures += [call_ours, call_raw]
    if sdk is not None:
        call_sdk = Figure("  portkey_ai, same call", "µs", note="portkey_ai, in .cache/bench; its own process")
        call_sdk.samples = _interleaved({**os.environ}, CALL_SDK, ["sdk"], CALL_ROUNDS // 2, CALL_NUMBER, sdk)["sdk"]
        figures.append(call_sdk)
        call_ours.note += f"; {call_sdk.median / call_ours.median:.1f}× less than portkey_ai"
    stream = Figure("stream parsing, 10,000-chunk SSE response, end to end", "chunks/s",
                    note="chunks parsed into models, through the client and an in-memory transport")  # fmt: skip
    stream.samples = [10_000 / (us / 1e6) for us in _interleaved(env, STREAM_E2E, ["stream"], max(runs * 5, 15), 1)["stream"]]
    figures.append(stream)
    decoders = _openai()
    for label, chunking in (("one event a chunk", "events"), ("64 KiB chunks", "big")):
        ours = Figure(f"SSE decoding, {label}", "events/s")
        figures.append(ours)
        if decoders[0] is None:
            ours.note = decoders[1]
            continue
        theirs = Figure(f"  openai-python's SSEDecoder, {label}", "events/s", note=decoders[1])
        program = SSE_DECODERS.replace("CHUNKING", chunking)
        samples = _interleaved(env, program, ["ours", "openai"], max(runs * 5, 15), 1, decoders[0])
        ours.samples = [10_001 / (us / 1e6) for us in samples["ours"]]
        theirs.samples = [10_001 / (us / 1e6) for us in samples["openai"]]
        ratios = [a / b for a, b in zip(ours.samples, theirs.samples)]
        ours.ratio, ours.ratio_to = statistics.median(ratios), "of openai-python's rate"
        ours.note = f"per-round ratio {_spread(ratios)}; the same bytes, in one process"
        figures.append(theirs)
    memory = Figure("stream a 50 MB binary to disk: peak memory above baseline", "MB",
                    note="files.content(...).stream_to_file from a local HTTP server; a fresh process each run")  # fmt: skip
    contrast = Figure("  the same body read whole (write_to_file), for contrast", "MB")
    for _ in range(max(runs, 3)):
        result = subprocess.run([PYTHON, "-c", BINARY_MEMORY], capture_output=True, text=True, env=env, check=True)
        streamed, whole = json.loads(result.stdout)
        memory.samples.append(streamed)
        contrast.samples.append(whole)
    figures += [memory, contrast]


CALL_ROUNDS, CALL_NUMBER = 60, 200

CALL_OURS = """
import portkey_client
client = portkey_client.Portkey(api_key="k", base_url="http://gw.test/v1", http_client=httpx.Client(transport=transport))
def ours():
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
"""
CALL_RAW = """
raw_client = httpx.Client(transport=transport)
def raw():
    response = raw_client.post("http://gw.test/v1/chat/completions", headers={"x-portkey-api-key": "k"},
                               json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]})
    return response.json()
"""
CALL_SDK = """
import portkey_ai
sdk_client = portkey_ai.Portkey(api_key="k", base_url="http://gw.test/v1", http_client=httpx.Client(transport=transport))
def sdk():
    return sdk_client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
"""
CHUNK = """
chunk = json.dumps({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                    "choices": [{"index": 0, "delta": {"content": "word "}, "finish_reason": None}]})
events = [f"data: {chunk}\\n\\n".encode() for _ in range(10000)] + [b"data: [DONE]\\n\\n"]
body = b"".join(events)
"""
STREAM_E2E = CHUNK + """
import portkey_client
stream_transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers={"content-type": "text/event-stream"}))
stream_client = portkey_client.Portkey(api_key="k", base_url="http://gw.test/v1", http_client=httpx.Client(transport=stream_transport))
def stream():
    assert sum(1 for _ in stream_client.chat.completions.create(model="m", messages=[], stream=True)) == 10000
"""
SSE_DECODERS = CHUNK + """
from openai._streaming import SSEDecoder as OpenAIDecoder
from portkey_client._streaming import SSEDecoder
big = [body[i : i + 65536] for i in range(0, len(body), 65536)]
chunks = CHUNKING
def ours():
    decoder = SSEDecoder()
    assert sum(len(decoder.feed(piece)) for piece in chunks) == 10001
def openai():
    assert sum(1 for _ in OpenAIDecoder().iter_bytes(iter(chunks))) == 10001
"""
BINARY_MEMORY = """
import json, os, tempfile, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import portkey_client
BLOCK = bytes(range(256)) * 256
class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no delayed-ACK wait between headers and body
    def do_GET(self):
        size = 50 * 2**20 if "big" in self.path else len(BLOCK)
        self.send_response(200)
        self.send_header("content-type", "application/octet-stream")
        self.send_header("content-length", str(size))
        self.end_headers()
        for _ in range(size // len(BLOCK)):
            self.wfile.write(BLOCK)
    def log_message(self, *args):
        pass
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
client = portkey_client.Portkey(api_key="k", base_url=f"http://127.0.0.1:{server.server_address[1]}")
target = os.path.join(tempfile.mkdtemp(), "download.bin")
client.files.content("small").stream_to_file(target)  # warm: imports, the pool, buffers
def status_mb(field):
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024
def above_baseline(download):
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # Linux: the peak (VmHWM) starts again from what is resident now
    baseline = status_mb("VmHWM")
    download()
    assert os.path.getsize(target) == 50 * 2**20
    return status_mb("VmHWM") - baseline
streamed = above_baseline(lambda: client.files.content("big").stream_to_file(target))
whole = above_baseline(lambda: client.files.content("big").write_to_file(target))
print(json.dumps([streamed, whole]))
"""
TIMER = """
import gc, time
functions = [%s]
for function in functions:
    for _ in range(max(%d // 4, 1)):
        function()
samples = {function.__name__: [] for function in functions}
gc.collect()
for round in range(%d):
    for function in functions if round %% 2 else functions[::-1]:
        started = time.process_time()
        for _ in range(%d):
            function()
        samples[function.__name__].append((time.process_time() - started) / %d * 1e6)
print(json.dumps(samples))
"""


def _interleaved(env: dict[str, str], definitions: str, names: list[str], rounds: int, number: int,
                 python: Path | None = None) -> dict[str, list[float]]:  # fmt: skip
    """µs per call of each named function, in alternating order round after round, in one process.

    CPU time of the process, not wall time: on a shared machine, time spent waiting for a core
    is not counted against whichever function happened to be running.
    """
    program = CLIENT_SETUP + definitions + TIMER % (", ".join(names), number, rounds, number, number)
    result = subprocess.run([str(python or PYTHON), "-c", program], capture_output=True, text=True, env=env)
    if result.returncode:
        raise RuntimeError(f"benchmark program failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _spread(values: list[float]) -> str:
    """The median with the middle half and the extremes: "1.21 (middle half 1.18–1.25, all 1.10–1.40)"."""
    quartiles = statistics.quantiles(values, n=4)
    return (f"{statistics.median(values):.2f} (middle half {quartiles[0]:.2f}–{quartiles[2]:.2f}, "
            f"all {min(values):.2f}–{max(values):.2f})")  # fmt: skip


OPENAI_VERSION = "3.51.0"


def _openai() -> tuple[Path | None, str]:
    """openai-python in its own venv, for its SSE decoder; httpx pinned to ours so our client imports there."""
    import httpx

    venv = CACHE / "openai-venv"
    python = venv / "bin" / "python"
    if not (venv / ".ready").exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        install = subprocess.run([str(python), "-m", "pip", "install", "-q", f"openai=={OPENAI_VERSION}",
                                  f"httpx=={httpx.__version__}"], capture_output=True, text=True)  # fmt: skip
        if install.returncode:
            return None, f"openai {OPENAI_VERSION} not installable here: {install.stderr.strip()[-120:]}"
        (venv / ".ready").write_text("ok")
    return python, f"openai {OPENAI_VERSION}, in .cache/bench"


def _fresh_process_ms(code: str, env: dict[str, str], python: Path | None = None) -> float:
    program = f"import time\nstarted = time.perf_counter()\n{code}\nprint((time.perf_counter() - started) * 1000)"
    result = subprocess.run([str(python or PYTHON), "-c", program], capture_output=True, text=True, env=env, check=True)
    return float(result.stdout.strip())


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
    for path in (package / "resources").rglob("*.py"):
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


def bench_hover(runs: int, figures: list[Figure], package_dir: Path) -> None:
    """The first hover on `temperature=` in a cold pyright language server, ours and openai's alternately."""
    import hover

    ours = Figure("first hover in the language server, cold", "s")
    theirs = Figure("  openai-python, the same hover", "s")
    figures += [ours, theirs]
    python, note = _openai()
    why = hover.available() or ("" if python is not None else note)
    if why or python is None:
        ours.note = f"skipped: {why}"
        return
    result = hover.measure(runs, package_dir, python.parent.parent)
    ours.samples, theirs.samples = result["seconds"]["ours"], result["seconds"]["openai"]
    ours.ratio, ours.ratio_to = ours.median / theirs.median, "of openai-python's"
    documented = "What sampling temperature" in result["texts"]["ours"]
    ours.note = (f"pyright-langserver {result['pyright']}, didOpen to the hover's reply; "
                 f"{'shows' if documented else 'no'} docstring for temperature")  # fmt: skip
    theirs.note = note


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true", help="skip the synthetic Stripe-sized spec")
    parser.add_argument("--skip-hover", action="store_true", help="skip the language server's first hover")
    parser.add_argument("--client-only", action="store_true", help="only the generated client's figures")
    args = parser.parse_args()
    if not FULL_SPEC.is_file():
        print(f"skipped: the complete Portkey spec is not at {FULL_SPEC}")
        return 0
    figures: list[Figure] = []
    if not args.client_only:
        bench_generation(args.runs, figures)
    if not (args.skip_synthetic or args.client_only):
        bench_synthetic(args.runs, figures)
    if not (args.skip_scaling or args.client_only):
        bench_scaling(args.runs, figures)
    package_dir = Path(tempfile.mkdtemp(prefix="bench-client-"))
    subprocess.run(generator("generate", str(FULL_SPEC), "--config", str(CONFIG), "--output", str(package_dir)),
                   check=True, capture_output=True)  # fmt: skip
    # Byte-compile it, as `pip install` does (this machine sets PYTHONDONTWRITEBYTECODE).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(package_dir)], check=True,
                   env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})  # fmt: skip
    bench_client(args.runs, figures, package_dir)
    bench_size(figures, package_dir)
    if not args.skip_hover:
        bench_hover(args.runs, figures, package_dir)
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
