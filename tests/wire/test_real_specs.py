"""Constructs real API descriptions contain: each handled, or reported as one located warning."""

from __future__ import annotations

import base64
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.support.cli import run
from generator.pipeline import Options, generate, write
from tests.support.black_check import files_black_would_change
from tests.support.cache import mypy_strict
from tests.support.local_server import LocalRequestHandler


def build(spec: Path, out: Path) -> list[str]:
    """Generate spec into out (no config: names from its title); the warnings as text."""
    generation = generate(Options(spec=spec, config=None, output=out, cache_dir=None))
    write(generation, out)
    return [str(d) for d in generation.diagnostics]


def python(out: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"})  # fmt: skip


def strict_and_black(out: Path, package: str) -> None:
    """The generated package passes mypy --strict and is black's format as it stands."""
    mypy = mypy_strict(package, out, "real-specs")
    assert mypy.returncode == 0, mypy.stdout
    assert files_black_would_change(out / package) == []


def test_a_media_type_without_a_schema(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Media, version: '1'}
        paths:
          /speech:
            get:
              operationId: getSpeech
              responses:
                '200': {description: ok, content: {audio/wav: {}}}
          /things:
            post:
              operationId: postThing
              requestBody: {content: {application/json: {}}}
              responses:
                '200': {description: ok, content: {application/json: {}}}
    """)
    build(spec, tmp_path / "out")
    speech = (tmp_path / "out/media_client/resources/speech.py").read_text()
    assert 'response="binary"' in speech and "BinaryResponse" in speech
    things = (tmp_path / "out/media_client/resources/things.py").read_text()
    assert "body: Union[object, NotGiven]" in things and 'cast("Any"' in things


def test_a_discriminator_mapping_to_nothing(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Disc, version: '1'}
        paths: {}
        components:
          schemas:
            Pet:
              oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
              discriminator:
                propertyName: kind
                mapping: {cat: '#/components/schemas/Cat', string: '#/components/schemas/Nowhere'}
            Cat: {type: object, properties: {kind: {type: string}, meow: {type: boolean}}}
            Dog: {type: object, properties: {kind: {type: string}, bark: {type: boolean}}}
    """)
    warnings = build(spec, tmp_path / "out")
    assert [w for w in warnings if "Nowhere" in w] == [
        f"{spec}:10: warning: discriminator mapping 'string' -> '#/components/schemas/Nowhere' points to nothing; "
        "the variants are told apart by trying each (at /components/schemas/Pet/discriminator/mapping/string)"
    ]
    probe = python(tmp_path / "out", "from pydantic import TypeAdapter; from disc_client.types import Pet\n"
                   "print(type(TypeAdapter(Pet).validate_python({'kind': 'dog', 'bark': True})).__name__)")  # fmt: skip
    assert probe.stdout.strip() == "Dog", probe.stderr


def test_yaml_numbers_are_read_as_yaml_1_2_and_json_read_them(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Numbers, version: '1'}
        paths:
          /x:
            get:
              operationId: getX
              parameters:
                - {name: t, in: query, schema: {type: number, minimum: 1e-08, default: 0.0001}}
                - {name: n, in: query, schema: {type: integer, default: 010}}
              responses:
                '200': {description: ok}
    """)
    result = run("generate", str(spec), "--output", str(tmp_path / "out"), "--strict")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    from generator.load import load_spec

    parameters = load_spec(spec).root.data["paths"]["/x"]["get"]["parameters"]
    assert parameters[0]["schema"]["minimum"] == 1e-08 and parameters[1]["schema"]["default"] == 10


def test_refs_inside_examples_and_extensions_are_data(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Examples, version: '1'}
        x-topics: [{content: {$ref: ./docs/intro.md}}]
        paths:
          /groups:
            get:
              operationId: getGroups
              parameters:
                - {name: q, in: query, schema: {type: string}, example: {$ref: '#/nowhere'}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          example: {$ref: '#/components/schemas/Member'}
                      examples:
                        one: {value: {members: [{$ref: 'https://api.example.com/Users/1'}]}}
        components:
          schemas:
            Member: {type: object, properties: {id: {type: string}}}
    """)
    result = run("generate", str(spec), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    # A property *named* example is still a schema: its $ref is followed, and must resolve.
    broken = spec.read_text().replace("example: {$ref: '#/components/schemas/Member'}",
                                      "example: {$ref: '#/components/schemas/Gone'}")  # fmt: skip
    spec.write_text(broken)
    result = run("generate", str(spec), "--output", str(tmp_path / "out2"))
    assert result.returncode == 2 and "'#/components/schemas/Gone' points to nothing" in result.stderr


def test_a_recursive_alias_imports_validates_and_type_checks(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Recur, version: '1'}
        paths: {}
        components:
          schemas:
            ErrorDetails:
              oneOf:
                - {type: object, additionalProperties: {$ref: '#/components/schemas/ErrorDetails'}}
                - {type: string}
            Failure: {type: object, properties: {details: {$ref: '#/components/schemas/ErrorDetails'}}}
    """)
    out = tmp_path / "out"
    build(spec, out)
    probe = python(out, "import importlib, pkgutil, recur_client.types as t\n"
                   "for m in pkgutil.iter_modules(t.__path__): importlib.import_module(f'recur_client.types.{m.name}')\n"
                   "print(t.Failure.model_validate({'details': {'a': {'b': 'c'}}}).details)")  # fmt: skip
    assert probe.stdout.strip() == "{'a': {'b': 'c'}}", probe.stderr
    strict_and_black(out, "recur_client")


def test_a_spec_without_schemas_gives_a_package_black_and_mypy_accept(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Bare, version: '1'}
        paths:
          /ping:
            get:
              operationId: ping
              responses:
                '204': {description: ok}
    """)
    build(spec, tmp_path / "out")
    strict_and_black(tmp_path / "out", "bare_client")


class _Recorder(LocalRequestHandler):
    seen: list[dict[str, Any]] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        _Recorder.seen.append({"path": self.path, "headers": dict(self.headers)})
        self.send_response(204)
        self.end_headers()


@pytest.fixture
def recorder() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_security_schemes_of_every_kind(tmp_path: Path, write_spec: Callable[..., Path], recorder: str) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Secure, version: '1'}
        paths:
          /ping:
            get:
              operationId: ping
              responses:
                '204': {description: ok}
        components:
          securitySchemes:
            basicAuth: {type: http, scheme: basic}
            bearerAuth: {type: http, scheme: bearer}
            headerKey: {type: apiKey, in: header, name: X-Key}
            queryKey: {type: apiKey, in: query, name: key}
            cookieKey: {type: apiKey, in: cookie, name: session}
            oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}}}
            oidc: {type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration'}
    """)
    out = tmp_path / "out"
    build(spec, out)
    strict_and_black(out, "secure_client")
    calls = {
        "username='u', password='p:w'": "Basic " + base64.b64encode(b"u:p:w").decode(),
        "bearer_auth='t1'": "Bearer t1",
        "oauth='t2'": "Bearer t2",
        "oidc='t3'": "Bearer t3",
    }
    for arguments, authorization in calls.items():
        probe = python(out, f"import secure_client as s; s.Secure(base_url={recorder!r}, {arguments}).ping.list()")
        assert probe.returncode == 0, probe.stderr
        assert _Recorder.seen[-1]["headers"]["Authorization"] == authorization, arguments
    probe = python(out, f"import secure_client as s; s.Secure(base_url={recorder!r}, header_key='h', "
                        "query_key='q', cookie_key='c').ping.list()")  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    last = _Recorder.seen[-1]
    assert last["headers"]["X-Key"] == "h" and last["path"] == "/ping?key=q" and "session=c" in last["headers"]["Cookie"]
    env = {"PATH": "/usr/bin:/bin", "SECURE_USERNAME": "eu", "SECURE_PASSWORD": "ep", "SECURE_BASE_URL": recorder}
    probe = subprocess.run([sys.executable, "-c", "import secure_client as s; s.Secure().ping.list()"], cwd=out,
                           capture_output=True, text=True, env=env)  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    assert _Recorder.seen[-1]["headers"]["Authorization"] == "Basic " + base64.b64encode(b"eu:ep").decode()
    json.dumps(_Recorder.seen)


def test_an_operation_given_as_a_ref_to_another_file(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Things, version: '1'}
        paths:
          /things:
            parameters:
              - {name: tenant, in: header, schema: {type: string}}
            get: {$ref: things_list.yml}
        components:
          schemas:
            Thing: {type: object, properties: {id: {type: string}}}
    """)
    write_spec("""
        operationId: listThings
        parameters:
          - {name: limit, in: query, schema: {type: integer}}
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {type: array, items: {$ref: 'spec.yaml#/components/schemas/Thing'}}
    """, "things_list.yml")
    generation = generate(Options(spec=spec, config=None, output=tmp_path / "out", cache_dir=None))
    (operation,) = generation.model.operations
    assert operation.operation_id == "listThings"
    assert [p.name for p in operation.parameters] == ["tenant", "limit"]
    assert [str(m.type) for r in operation.responses for m in r.contents] == ["ArrayType(items=RefType(name='Thing'))"]
    assert [str(d) for d in generation.diagnostics] == [
        f"{spec}:7: warning: 1 operation(s) given as a $ref (an extension of OpenAPI, which allows $ref for path "
        "items, not operations); they are read from where the $ref leads (at /paths/~1things/get)"
    ]


def test_an_all_of_member_redeclaring_a_base_property_passes_mypy(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Stations, version: '1'}
        paths: {}
        components:
          schemas:
            Wrapper:
              type: object
              required: [data]
              properties:
                data: {type: object}
                count: {type: integer}
            Station: {type: object, properties: {id: {type: string}}}
            Stations:
              allOf:
                - {$ref: '#/components/schemas/Wrapper'}
                - properties:
                    data: {type: array, items: {$ref: '#/components/schemas/Station'}}
                    count: {type: integer}
    """)
    out = tmp_path / "out"
    build(spec, out)
    strict_and_black(out, "stations_client")
    probe = python(out, "from stations_client.types import Stations\n"
                   "print(Stations.model_validate({'data': [{'id': 's1'}], 'count': 1}).data[0].id)")  # fmt: skip
    assert probe.stdout.strip() == "s1", probe.stderr
    assert "count: Optional[int] = None\n" in (out / "stations_client/types/stations.py").read_text(), (
        "a property redeclared with the same type needs no ignore comment"
    )


SHAPES = {
    "main.yaml": """
        openapi: 3.0.3
        info: {title: Real-World Shapes API, version: '1'}
        servers: [{url: 'https://shapes.example.com'}]
        x-topics: [{content: {$ref: ./docs/intro.md}}]
        security: [{basicAuth: []}, {bearerAuth: []}, {headerKey: []}, {queryKey: []}, {cookieKey: []}]
        paths:
          /speech:
            get:
              operationId: getSpeech
              responses:
                '200': {description: ok, content: {audio/wav: {}}}
          /things:
            parameters:
              - {name: tenant, in: header, schema: {type: string}}
            get: {$ref: things_list.yaml}
          /stations:
            get:
              operationId: listStations
              parameters:
                - {name: threshold, in: query, schema: {type: number, minimum: 1e-08, default: 0.0001}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: 'schemas.yaml#/Stations'}
                      examples:
                        one: {value: {data: [{$ref: 'https://api.example.com/Stations/1'}]}}
          /pets:
            post:
              operationId: createPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
          /errors:
            get:
              operationId: getErrors
              security: []
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Failure'}
        components:
          schemas:
            Pet:
              oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
              discriminator:
                propertyName: kind
                mapping: {cat: '#/components/schemas/Cat', string: '#/components/schemas/Nowhere'}
            Cat:
              type: object
              required: [kind]
              properties: {kind: {type: string}, meow: {type: boolean}}
            Dog:
              type: object
              required: [kind]
              properties: {kind: {type: string}, bark: {type: boolean}}
            ErrorDetails:
              oneOf:
                - {type: object, additionalProperties: {$ref: '#/components/schemas/ErrorDetails'}}
                - {type: string}
            Failure:
              type: object
              properties:
                details: {$ref: '#/components/schemas/ErrorDetails'}
          securitySchemes:
            basicAuth: {type: http, scheme: basic}
            bearerAuth: {type: http, scheme: bearer}
            headerKey: {type: apiKey, in: header, name: X-Key}
            queryKey: {type: apiKey, in: query, name: key}
            cookieKey: {type: apiKey, in: cookie, name: session}
            oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}}}
            oidc: {type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration'}
    """,
    "things_list.yaml": """
        operationId: listThings
        parameters:
          - {name: limit, in: query, schema: {type: integer}}
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {type: array, items: {$ref: 'schemas.yaml#/Station'}}
    """,
    "schemas.yaml": """
        Wrapper:
          type: object
          properties:
            data: {type: object}
            count: {type: integer}
        Station:
          type: object
          properties: {id: {type: string}}
        Stations:
          allOf:
            - {$ref: '#/Wrapper'}
            - properties:
                data: {type: array, items: {$ref: '#/Station'}}
    """,
}


def test_real_world_shapes_generate_a_client_the_validating_server_accepts(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    from tests.support.spec_server import SpecServer

    spec = [write_spec(text, name) for name, text in SHAPES.items()][0]
    out = tmp_path / "out"
    result = run("generate", str(spec), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 2, result.stderr
    package = "real_world_shapes_client"
    modules = sorted(p.relative_to(out).with_suffix("").as_posix().replace("/", ".")
                     for p in (out / package).rglob("*.py"))  # fmt: skip
    imported = python(out, "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules))
    assert imported.returncode == 0, imported.stderr
    strict_and_black(out, package)

    # Each call, and the answer the server gives (its synthesizer follows local $refs only).
    calls = {
        "c.speech.retrieve().read()": b"RIFF",
        "c.things.list(tenant='t1', limit=5)[0].id": [{"id": "s1"}],
        "c.stations.list(threshold=0.5).data[0].id": {"data": [{"id": "s2"}], "count": 1},
        "c.pets.create(body={'kind': 'Dog', 'bark': True})": {"kind": "Dog", "bark": True},
        "c.errors.retrieve().details": {"details": {"a": {"b": "c"}}},
    }
    credentials = {
        "username='u', password='p'": ("Authorization", "Basic " + base64.b64encode(b"u:p").decode()),
        "bearer_auth='t1'": ("Authorization", "Bearer t1"),
        "header_key='h1'": ("X-Key", "h1"),
        "query_key='q1'": (None, None),
        "cookie_key='c1'": ("Cookie", "session=c1"),
        "oauth='t2'": ("Authorization", "Bearer t2"),
        "oidc='t3'": ("Authorization", "Bearer t3"),
    }
    with SpecServer(spec) as server:
        for arguments, (header, value) in credentials.items():
            # openapi-core checks apiKey and http schemes; oauth2 and openIdConnect it cannot, so
            # those clients call the operation that needs no credential (which then carries none).
            chosen = list(calls) if not arguments.startswith(("oauth", "oidc")) else ["c.errors.retrieve().details"]
            script = f"import {package} as p\nc = p.RealWorldShapes(base_url={server.url!r}, {arguments})\n"
            script += "".join(f"print(repr({call}))\n" for call in chosen)
            server.clear()
            for call in chosen:
                server.respond_with(200, calls[call], {"Content-Type": "audio/wav"} if "speech" in call else None)
            probe = python(out, script)
            assert probe.returncode == 0, f"{arguments}: {probe.stderr}"
            answers = ["b'RIFF'", "'s1'", "'s2'", "Dog(kind='Dog', bark=True)", "{'a': {'b': 'c'}}"]
            assert probe.stdout.splitlines() == (answers if len(chosen) > 1 else answers[-1:]), probe.stdout
            seen = server.requests
            assert len(seen) == len(chosen), arguments
            assert server.rejected() == [], [(r.method, r.path, r.errors) for r in server.rejected()]
            # Each request carries the credential its operation's security asks for: getErrors asks for none.
            for r in seen:
                needs = r.operation != "getErrors"
                if header is not None:
                    assert r.headers.get(header.lower()) == (value if needs else None), (arguments, r.path, dict(r.headers))
                else:
                    assert r.query_params.get("key") == (["q1"] if needs else None), (arguments, r.path)
