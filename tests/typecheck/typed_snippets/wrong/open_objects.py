"""An open request object still checks the keys it names."""

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY")
client.configs.update("cfg_1", config={"virtual_key": 5})  # expect-error: a named key keeps its type
