"""List endpoints: iterate every item across pages, or work page by page."""

from typing import List

from portkey_client import Portkey
from portkey_client.types import Batch

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
page = client.batches.list(limit=20)
for batch in page:
    reveal_type(batch)  # expect-type: Batch
    print(batch.id, batch.created_at)

items: List[Batch] = page.data
reveal_type(page.data[0])  # expect-type: Batch
for one_page in page.iter_pages():
    print(len(one_page.data), one_page.has_next_page())
print(len(items))

if page.has_next_page():
    following = page.next_page()
    reveal_type(following.data[0])  # expect-type: Batch
reveal_type(page.page)  # expect-type: ListBatchesResponse
