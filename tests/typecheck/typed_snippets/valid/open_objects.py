"""A request object whose schema does not forbid other keys takes them (PEP 728 `extra_items`)."""

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY")
client.configs.update("cfg_1", config={"virtual_key": "vk", "retry": {"attempts": 5}})  # mypy-only-error: mypy 2.x does not know PEP 728
client.configs.update("cfg_1", config={"virtual_key": "vk"})
