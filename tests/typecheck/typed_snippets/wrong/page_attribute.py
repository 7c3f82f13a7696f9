"""A misspelt page attribute, or a wrong item attribute, is caught."""

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
page = client.batches.list()
print(page.dta)  # expect-error: no attribute "dta"
for batch in page:
    print(batch.identifier)  # expect-error: no attribute "identifier"
raw = client.batches.with_raw_response.retrieve("batch_123")
print(raw.parse().statuss)  # expect-error: no attribute "statuss"
