"""The deployment files cannot run here, so what they promise is checked: the compose file's
services, the Kubernetes manifests' required fields (own checks: no schema validator on PyPI
works offline with this project's jsonschema pin), nginx's sticky sessions and WebSocket
upgrade, and that the image runs exactly the Procfile's commands."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import ROOT
from bot.supervisor import read_procfile

DEPLOY = ROOT / "deploy"
PROCESSES = {
    program.name: program.command for program in read_procfile((ROOT / "Procfile").read_text())
}
SECRET_NAMES = re.compile(r"TOKEN|SECRET|PASSWORD")


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((DEPLOY / "compose.yaml").read_text()))


def manifests() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document:
                found.append((path.name, document))
    return found


def test_compose_runs_the_whole_service_with_two_rasa_and_two_action_servers() -> None:
    services = compose()["services"]
    assert {
        "postgres",
        "redis",
        "migrate",
        "nginx",
        "relay",
        "console",
        "reminders",
        "privacy",
    } <= set(services)
    rasa = [name for name, s in services.items() if s.get("command") == ["rasa"]]
    actions = [name for name, s in services.items() if s.get("command") == ["actions"]]
    assert len(rasa) == 2 and len(actions) == 2
    for name, service in services.items():
        if "command" in service and service.get("image", "").startswith("${WEGWIJS_IMAGE"):
            assert service["command"][0] in PROCESSES, f"{name} runs no Procfile process"
            environment = service["environment"]
            assert environment["LOCK_STORE_TYPE"].endswith("RedisLockStore")
            assert environment["TRACKER_STORE_URL"].startswith("postgresql://")
            assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
            assert service["env_file"] == ".env"
    for name in rasa + actions:
        assert "/readyz" in " ".join(services[name]["healthcheck"]["test"])


def test_compose_keeps_the_console_internal_and_secrets_out_of_the_file() -> None:
    services = compose()["services"]
    assert services["console"]["ports"] == ["127.0.0.1:8080:8080"]
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"console", "nginx"}
    text = (DEPLOY / "compose.yaml").read_text()
    for line in text.splitlines():
        key = line.strip().split(":", 1)[0]
        if SECRET_NAMES.search(key):
            assert "${" in line, f"a secret written into compose.yaml: {key}"


def test_nginx_keeps_socketio_on_one_server_and_upgrades_websockets() -> None:
    conf = (DEPLOY / "nginx.conf").read_text()
    sticky = re.search(r"upstream rasa_sticky \{(.*?)\}", conf, re.S)
    assert sticky and "ip_hash;" in sticky.group(1)
    servers = set(re.findall(r"server (rasa\d):5005", sticky.group(1)))
    rasa = {name for name, s in compose()["services"].items() if s.get("command") == ["rasa"]}
    assert servers == rasa
    socketio = re.search(r"location /socket.io/ \{(.*?)\}", conf, re.S)
    assert socketio and "proxy_pass http://rasa_sticky" in socketio.group(1)
    assert "proxy_set_header Upgrade $http_upgrade" in socketio.group(1)
    assert "proxy_http_version 1.1" in socketio.group(1)
    assert "location ~ ^/(healthz|readyz|metrics)$ { return 404; }" in conf


def test_every_manifest_has_what_kubernetes_requires() -> None:
    kinds = {"Deployment", "Service", "ConfigMap", "Job", "Ingress"}
    api = {
        "Deployment": "apps/v1",
        "Service": "v1",
        "ConfigMap": "v1",
        "Job": "batch/v1",
        "Ingress": "networking.k8s.io/v1",
    }
    names: set[tuple[str, str]] = set()
    for file, document in manifests():
        kind = document.get("kind")
        assert kind in kinds, f"{file}: unexpected kind {kind}"
        assert document.get("apiVersion") == api[kind], f"{file}: {kind} needs {api[kind]}"
        name = document["metadata"]["name"]
        assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name) and len(name) <= 63
        assert (kind, name) not in names, f"{kind} {name} twice"
        names.add((kind, name))


def containers(document: dict[str, Any]) -> list[dict[str, Any]]:
    return list(document["spec"]["template"]["spec"]["containers"])


def test_deployments_have_replicas_probes_resources_and_secrets_from_the_environment() -> None:
    deployments = {d["metadata"]["name"]: d for _, d in manifests() if d["kind"] == "Deployment"}
    assert deployments["wegwijs-rasa"]["spec"]["replicas"] == 2
    assert deployments["wegwijs-actions"]["spec"]["replicas"] == 2
    for name, deployment in deployments.items():
        spec = deployment["spec"]
        labels = spec["template"]["metadata"]["labels"]
        assert spec["selector"]["matchLabels"].items() <= labels.items(), name
        assert isinstance(spec["replicas"], int) and spec["replicas"] >= 1
        for container in containers(deployment):
            assert container["args"][0] in PROCESSES, f"{name} runs no Procfile process"
            resources = container["resources"]
            assert resources["requests"]["cpu"] and resources["limits"]["memory"], name
            sources = [next(iter(s.values()))["name"] for s in container["envFrom"]]
            assert sources == ["wegwijs-config", "wegwijs-env"], name
            for variable in container.get("env", []):
                assert not SECRET_NAMES.search(variable["name"]), f"{name}: a secret in env"
            if name == "wegwijs-privacy":
                continue  # no HTTP endpoint (docs/deploy.md)
            ports = {p["containerPort"] for p in container["ports"]}
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
            assert container["readinessProbe"]["httpGet"]["path"] in ("/readyz", "/healthz")
            for probe in ("livenessProbe", "readinessProbe"):
                assert container[probe]["httpGet"]["port"] in ports, f"{name} {probe}"


def test_services_select_a_deployment_and_the_ingress_names_a_service() -> None:
    documents = [d for _, d in manifests()]
    pod_labels = [
        d["spec"]["template"]["metadata"]["labels"] for d in documents if d["kind"] == "Deployment"
    ]
    services = {d["metadata"]["name"] for d in documents if d["kind"] == "Service"}
    for document in documents:
        if document["kind"] == "Service":
            selector = document["spec"]["selector"]
            assert any(selector.items() <= labels.items() for labels in pod_labels)
    ingress = next(d for d in documents if d["kind"] == "Ingress")
    for rule in ingress["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            assert path["backend"]["service"]["name"] in services
    assert "wegwijs-console" not in {
        p["backend"]["service"]["name"]
        for r in ingress["spec"]["rules"]
        for p in r["http"]["paths"]
    }
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"


def test_the_image_starts_a_procfile_process_by_name() -> None:
    containerfile = (DEPLOY / "Containerfile").read_text()
    assert 'ENTRYPOINT ["/app/deploy/entrypoint.sh"]' in containerfile
    assert 'CMD ["rasa"]' in containerfile


@pytest.mark.parametrize("name", sorted(PROCESSES))
def test_the_entrypoint_runs_the_procfiles_command_line(name: str, tmp_path: Path) -> None:
    """The entrypoint runs the very line of the Procfile: here with `.venv/bin/python` replaced
    by a program that prints its arguments, in a copy of the Procfile."""
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text('#!/bin/sh\necho "ran: $*"\n')
    fake.chmod(0o755)
    (tmp_path / "Procfile").write_text((ROOT / "Procfile").read_text())
    environment = {**os.environ, "APP_DIR": str(tmp_path), "MODEL_PATH": "/m", "RASA_PORT": "1"}
    finished = subprocess.run(
        [str(DEPLOY / "entrypoint.sh"), name],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    expected = subprocess.run(
        ["bash", "-c", PROCESSES[name]],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert finished.stdout == expected.stdout and finished.stdout.startswith("ran: ")


def test_the_entrypoint_refuses_an_unknown_process() -> None:
    finished = subprocess.run(
        [str(DEPLOY / "entrypoint.sh"), "nonsense"],
        env={**os.environ, "APP_DIR": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert finished.returncode == 64 and "no process 'nonsense'" in finished.stderr
