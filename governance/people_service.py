"""People: accounts, roles, passwords, signing in, and the permission check every use case
makes before it acts. The UI hides what a role may not do; this is where it is refused.

A new store has no accounts: then the local operator may do everything, so that a steward
can import a catalogue and create the first account, which must be an admin. From the first
account on, every action asks for its permission (`governance.domain.roles.PERMISSIONS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from governance import passwords
from governance.domain.roles import Permission, Role, permissions_of, roles_with
from governance.errors import BadInputError
from governance.store import credentials, users

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from governance.store.db import Store


class PermissionDenied(BadInputError):
    """The workflow or the actor's roles do not allow this (exit 2: a person must act)."""


class PeopleUseCases:
    store: Store
    actor: str

    def add_user(self, name: str, roles: frozenset[Role], password: str | None = None) -> bool:
        """Give `name` these roles (creating the user), and a password when given; only an
        admin may, except for the very first user, who must then be an admin."""
        name = name.strip()
        if not name or not roles:
            raise BadInputError("give a user name and at least one --role")
        hashed = passwords.hash_password(password) if password is not None else None
        with self.store.writing() as connection:
            if users.any_user(connection):
                self._require_in(connection, Permission.MANAGE_USERS, "give roles")
            elif Role.ADMIN not in roles:
                raise PermissionDenied(
                    "the first user must be an admin (--role admin), who then adds the others"
                )
            admins = {n for n, r in users.listing(connection) if Role.ADMIN in r}
            if admins == {name} and Role.ADMIN not in roles:
                raise PermissionDenied(
                    f"{name} is the last admin; make someone else admin first, or nobody "
                    "could manage roles any more"
                )
            created = users.set_roles(connection, name, roles, self.actor)
            if hashed is not None:
                credentials.set_hash(connection, name, hashed, self.actor)
            return created

    def set_password(self, name: str, password: str) -> None:
        """A person sets their own password; an admin sets anyone's."""
        hashed = passwords.hash_password(password)
        with self.store.writing() as connection:
            if name != self.actor:
                self._require_in(connection, Permission.MANAGE_USERS, "set another's password")
            if not users.roles_of(connection, name):  # every account has a role
                raise BadInputError(f"no user '{name}'; add them first: governance users add")
            credentials.set_hash(connection, name, hashed, self.actor)

    def authenticate(self, name: str, password: str) -> frozenset[Role] | None:
        """The roles of `name` when the password is theirs, else None. An unknown name
        costs the same hashing time as a wrong password, so timing tells no names; after
        repeated failures the name is locked for a while (`SignInLocked`)."""
        passwords.SIGN_IN_THROTTLE.check(name)
        with self.store.reading() as connection:
            stored = credentials.password_hash(connection, name)
            roles = users.roles_of(connection, name)
        if not passwords.verify(stored, password) or not roles:
            passwords.SIGN_IN_THROTTLE.failed(name)
            return None
        passwords.SIGN_IN_THROTTLE.succeeded(name)
        return roles

    def users(self) -> list[tuple[str, frozenset[Role]]]:
        """Everyone with their roles: colleagues need to know whom to ask."""
        with self.store.reading() as connection:
            self._require_in(connection, Permission.VIEW_CATALOGUE, "list the people")
            return users.listing(connection)

    def roles(self) -> frozenset[Role]:
        """The acting person's roles (none for someone without an account)."""
        with self.store.reading() as connection:
            return users.roles_of(connection, self.actor)

    def may(self, permission: Permission) -> bool:
        """Whether the acting person may do this (what the UI asks before it shows it)."""
        return permission in self.permissions()

    def permissions(self) -> frozenset[Permission]:
        """Everything the acting person may do, in one read (the UI's navigation)."""
        with self.store.reading() as connection:
            return self._permissions(connection)

    def require(self, permission: Permission, doing: str) -> None:
        """Refuse, saying whom to ask, unless the acting person may do this."""
        with self.store.reading() as connection:
            self._require_in(connection, permission, doing)

    def _permissions(self, connection: Connection) -> frozenset[Permission]:
        if not users.any_user(connection):
            return frozenset(Permission)  # a new store: its operator sets it up (docstring)
        return permissions_of(users.roles_of(connection, self.actor))

    def _require_in(self, connection: Connection, permission: Permission, doing: str) -> None:
        if permission in self._permissions(connection):
            return
        mine = ", ".join(sorted(users.roles_of(connection, self.actor))) or "no role"
        need = " or ".join(role.value for role in roles_with(permission))
        raise PermissionDenied(
            f"{self.actor} ({mine}) may not {doing}: that needs the role {need} "
            "(an admin grants roles: governance users add NAME --role ROLE)"
        )
