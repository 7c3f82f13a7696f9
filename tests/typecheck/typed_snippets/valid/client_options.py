"""A client as a context manager keeps its type; copies take every constructor keyword."""

import httpx

from portkey_client import AsyncPortkey, Portkey

with Portkey(api_key="PORTKEY_API_KEY", base_url=httpx.URL("http://localhost:8787/v1"), trace_id="t") as client:
    reveal_type(client)  # expect-type: Portkey
    traced = client.with_options(trace_id="other", timeout=20, base_url=httpx.URL("http://localhost:8787/v1"))
    reveal_type(traced)  # expect-type: Portkey
    client.base_url = "http://localhost:8788/v1"
    models = client.models.list()
    print(client.base_url.host, models)


async def main() -> None:
    async with AsyncPortkey(api_key="PORTKEY_API_KEY", metadata={"user": "u"}) as aclient:
        reveal_type(aclient)  # expect-type: AsyncPortkey
        acopy = aclient.copy(metadata={"user": "v"}, max_retries=0)
        reveal_type(acopy)  # expect-type: AsyncPortkey
        print(await acopy.models.list())
