"""The secrets family: its rules and its configuration options, as listed in the registry."""

from __future__ import annotations

from typing import Any

from agentguard.rules.options import Option
from agentguard.rules.rule import Rule
from agentguard.rules.secrets.auth_headers import HardcodedAuthorizationHeader
from agentguard.rules.secrets.config_credentials import CredentialInConfig
from agentguard.rules.secrets.connection_urls import PasswordInConnectionString
from agentguard.rules.secrets.credential_literals import HardcodedCredential
from agentguard.rules.secrets.options import IGNORED_VALUES, TEST_PATHS
from agentguard.rules.secrets.private_keys import HardcodedPrivateKey
from agentguard.rules.secrets.provider_secrets import HardcodedProviderToken

RULES: tuple[type[Rule], ...] = (
    HardcodedProviderToken,
    HardcodedPrivateKey,
    HardcodedCredential,
    CredentialInConfig,
    PasswordInConnectionString,
    HardcodedAuthorizationHeader,
)
OPTIONS: tuple[Option[Any], ...] = (TEST_PATHS, IGNORED_VALUES)
