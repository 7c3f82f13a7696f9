"""Logging shows method, URL and status, never a credential; neither does repr()."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType


from tests.support.fault_server import Answer, FaultServer
from tests.runtime.calls import COMPLETION


def test_secrets_stay_out_of_logs_and_repr(full_client: ModuleType, server: FaultServer, tmp_path: Path) -> None:
    server.script(Answer(200, COMPLETION), Answer(401, {"error": {"message": "bad key"}}))
    program = f"""
import {full_client.__name__} as p
client = p.Portkey(api_key="pk-secret-123", Authorization="sk-provider-456", base_url={server.url!r})
print(repr(client))
client.chat.completions.create(model="m", messages=[{{"role": "user", "content": "x"}}])
try:
    client.chat.completions.create(model="m", messages=[])
except p.AuthenticationError as error:
    print(str(error), repr(error))
"""
    env = {**os.environ, "PORTKEY_LOG": "debug", "PYTHONPATH": str(Path(full_client.__file__).parents[1])}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "POST" in result.stderr and "/chat/completions -> 200" in result.stderr and "ms" in result.stderr
    output = result.stdout + result.stderr
    assert "pk-secret-123" not in output and "sk-provider-456" not in output
