"""Admin APIs: users, workspaces and API keys of an organisation."""

from portkey_client import Portkey

admin = Portkey(api_key="PORTKEY_ADMIN_KEY")
for workspace in admin.admin.workspaces.list(page_size=50):
    reveal_type(workspace)  # expect-type: Workspace
    print(workspace.id, workspace.name, workspace.slug)

users = admin.admin.users.list()
print(users)
for key in admin.api_keys.list():
    print(key.id)
