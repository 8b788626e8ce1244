"""Typed application keys shared by the portal's modules."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from sqlalchemy.orm import sessionmaker

from ric.content.repository import ContentRepository
from ric.portal.gateway import RasaGateway
from ric.replies.catalog import Catalogs
from ric.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
SESSIONS = web.AppKey("sessions", sessionmaker)
GATEWAY = web.AppKey("gateway", RasaGateway)
CATALOGS = web.AppKey("catalogs", Catalogs)
CONTENT = web.AppKey("content", ContentRepository)
AUDIO_DIR = web.AppKey("audio_dir", Path)
