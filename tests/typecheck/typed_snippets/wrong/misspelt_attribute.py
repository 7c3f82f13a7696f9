"""A misspelt response attribute is caught."""

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
completion = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
)
print(completion.choises)  # expect-error: no attribute "choises"
print(completion.choices[0].mesage)  # expect-error: no attribute "mesage"
