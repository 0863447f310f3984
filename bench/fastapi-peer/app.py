"""The FastAPI peer of `npm run bench`: routes guarded with FastAPI's own OAuth2 scopes tools
(OAuth2PasswordBearer with scopes, a get_current_user dependency taking SecurityScopes, and
Security(..., scopes=[...]) on each route), checking scopegate's RS256 access tokens and answering
scopegate's routes with the same JSON bodies, held in memory in place of a database.

Configured by environment variables from bench/lib/fastapi-peer.ts: BENCH_PUBLIC_KEY (PEM),
BENCH_ISSUER, BENCH_AUDIENCE and BENCH_BODIES (scopegate's body of each path, as JSON).
"""

import json
import os
from typing import Dict, List, Optional

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import OAuth2PasswordBearer, SecurityScopes
from pydantic import BaseModel

# Parsed once: PyJWT would otherwise parse a PEM string on every decode.
PUBLIC_KEY = load_pem_public_key(os.environ["BENCH_PUBLIC_KEY"].encode())
ISSUER = os.environ["BENCH_ISSUER"]
AUDIENCE = os.environ["BENCH_AUDIENCE"]

# The scopes that grant each scope these routes require, as in scopegate's table
# (src/common/authz/scope-table.ts): the bench user's token carries "read orders:write".
GRANTED_BY = {
    "items:read": {"items:read", "items:write", "items:delete", "read", "write", "admin"},
    "orders:read": {"orders:read", "orders:write", "payments:process", "read", "write", "admin"},
}


# Timestamps stay the strings scopegate sends, so that both answer the same bytes.
class Item(BaseModel):
    id: str
    name: str
    description: Optional[str]
    priceCents: int
    stock: int
    createdAt: str
    updatedAt: str


class User(BaseModel):
    id: str
    username: str
    email: Optional[str]
    fullName: Optional[str]
    role: str
    disabled: bool
    createdAt: str
    updatedAt: str


class OrderLine(BaseModel):
    itemId: str
    quantity: int
    unitPriceCents: int


class Order(BaseModel):
    id: str
    userId: str
    status: str
    lines: List[OrderLine]
    totalCents: int
    createdAt: str
    updatedAt: str


class OrderPage(BaseModel):
    data: List[Order]
    total: int
    limit: int
    offset: int
    next: Optional[str]


def load_store(bodies: Dict[str, str]):
    """scopegate's answers to the bench user, by id: the peer's whole database."""
    me = json.loads(bodies["/users/me"])
    items = {}
    for path, body in bodies.items():
        if path.startswith("/items/"):
            item = json.loads(body)
            items[item["id"]] = item
    return items, {me["id"]: me}, {me["id"]: json.loads(bodies["/orders"])}


ITEMS, USERS, ORDER_PAGES = load_store(json.loads(os.environ["BENCH_BODIES"]))
NO_ORDERS = {"data": [], "total": 0, "limit": 20, "offset": 0, "next": None}

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="auth/token",
    scopes={"items:read": "View items", "orders:read": "View your orders"},
)

app = FastAPI()


async def get_current_user(
    security_scopes: SecurityScopes, token: str = Depends(oauth2_scheme)
) -> User:
    if security_scopes.scopes:
        authenticate_value = f'Bearer scope="{security_scopes.scope_str}"'
    else:
        authenticate_value = "Bearer"
    credentials_exception = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": authenticate_value},
    )
    try:
        payload = jwt.decode(
            token, PUBLIC_KEY, algorithms=["RS256"], issuer=ISSUER, audience=AUDIENCE
        )
    except jwt.InvalidTokenError:
        raise credentials_exception
    user = USERS.get(payload.get("sub"))
    if user is None:
        raise credentials_exception
    token_scopes = set(payload.get("scope", "").split())
    for scope in security_scopes.scopes:
        if token_scopes.isdisjoint(GRANTED_BY.get(scope, {scope})):
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail="Not enough permissions",
                headers={"WWW-Authenticate": authenticate_value},
            )
    return User(**user)


async def get_current_active_user(
    current_user: User = Security(get_current_user),
) -> User:
    if current_user.disabled:
        raise HTTPException(status_code=400, detail="Inactive user")
    return current_user


@app.get("/items/{item_id}", response_model=Item)
async def read_item(
    item_id: str, current_user: User = Security(get_current_active_user, scopes=["items:read"])
):
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return Item(**item)


@app.get("/users/me", response_model=User)
async def read_users_me(current_user: User = Depends(get_current_active_user)):
    return current_user


@app.get("/orders", response_model=OrderPage)
async def read_own_orders(
    current_user: User = Security(get_current_active_user, scopes=["orders:read"])
):
    return OrderPage(**ORDER_PAGES.get(current_user.id, NO_ORDERS))
