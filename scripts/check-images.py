#!/usr/bin/env python3
"""Builds each image of docker-compose.yml the way Docker would, without a Docker engine, and starts it.

For every Dockerfile that docker-compose.yml builds (each once, however many services run it):
  1. stage a build context holding exactly what the Dockerfile COPYs from the repository, honouring
     .dockerignore (a file the Dockerfile forgets is absent, as it would be in the image);
  2. run the build stage's RUN commands (dotnet restore, dotnet publish) as the Dockerfile writes them,
     parsed from it; paths inside the image (/src, /app) map to folders of the staging directory;
  3. lay out the final stage (its COPY --from and COPY lines, WORKDIR, ENV) and check that the assembly
     the ENTRYPOINT starts (directly, or through the script it runs) is there with its runtimeconfig;
  4. start the ENTRYPOINT there with the image's ENV and the service's compose environment, overridden
     only so that it runs on this host (localhost clustering, memory storage, free loopback ports), and
     probe the route of the service's compose health check until it answers 200.
The final stage's RUN lines (apt-get install curl) need the base image and are not run: only the build
stage can be emulated. Processes are stopped by process id and the staging directory is removed.
Exits non-zero on the first failure, saying which Dockerfile line or step failed.
"""

import fnmatch
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
HEALTH_TIMEOUT_S = 90
# Container paths in RUN and ENTRYPOINT: an absolute path token, alone or after '=' (e.g. -o=/app).
ABS_PATH = re.compile(r"(^|[\s='\"])(/[^\s'\"]*)")


class CheckFailed(Exception):
    pass


def log(message):
    print(f"check-images: {message}", flush=True)


# ---------------------------------------------------------------- Dockerfile parsing

def parse_dockerfile(path):
    """Instructions as (line number, keyword, argument text), continuation lines joined, comments dropped."""
    instructions, pending, start = [], "", 0
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.strip().startswith("#") or (not line.strip() and not pending):
                continue
            if not pending:
                start = number
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            text = (pending + line).strip()
            pending = ""
            keyword, _, rest = text.partition(" ")
            instructions.append((start, keyword.upper(), rest.strip()))
    stages = []
    for number, keyword, rest in instructions:
        if keyword == "FROM":
            parts = rest.split()
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else str(len(stages))
            stages.append({"name": name, "base": parts[0], "line": number, "instructions": []})
        elif not stages:
            raise CheckFailed(f"{path}:{number}: {keyword} before FROM")
        else:
            stages[-1]["instructions"].append((number, keyword, rest))
    if not stages:
        raise CheckFailed(f"{path}: no FROM")
    return stages


def exec_or_shell(rest):
    """The argv of a JSON (exec) form, or ['sh', '-c', text] for the shell form."""
    if rest.startswith("["):
        return json.loads(rest)
    return ["sh", "-c", rest]


def parse_env(rest):
    tokens = shlex.split(rest)
    if tokens and "=" not in tokens[0]:
        return {tokens[0]: " ".join(tokens[1:])}  # legacy form: ENV KEY value
    return dict(token.split("=", 1) for token in tokens)


def expand(text, env):
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: env.get(m.group(1) or m.group(2), ""), text)


# ---------------------------------------------------------------- .dockerignore

def ignore_patterns(context):
    path = os.path.join(context, ".dockerignore")
    patterns = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                negate = line.startswith("!")
                pattern = os.path.normpath(line.lstrip("!").strip().lstrip("/"))
                patterns.append((negate, pattern_regex(pattern)))
    return patterns


def pattern_regex(pattern):
    """Docker's pattern syntax: Go filepath.Match per segment, plus '**' for any number of segments."""
    out, i = "", 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
            continue
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            continue
        if c == "*":
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        elif c == "[":
            end = pattern.find("]", i)
            if end < 0:
                out += re.escape(c)
            else:
                out += "[" + pattern[i + 1:end].replace("!", "^", 1) + "]"
                i = end
        else:
            out += re.escape(c)
        i += 1
    return re.compile(out + "$")


def ignored(relative, patterns):
    """Last matching pattern wins; a path is excluded when it or any parent folder is."""
    result = False
    parts = relative.split("/")
    for negate, regex in patterns:
        for n in range(1, len(parts) + 1):
            if regex.match("/".join(parts[:n])):
                result = not negate
                break
    return result


def context_files(context, patterns):
    """Every file of the context Docker would send: relative paths, ignored ones left out."""
    files = set()
    for folder, dirs, names in os.walk(context):
        rel_folder = os.path.relpath(folder, context)
        rel_folder = "" if rel_folder == "." else rel_folder
        dirs[:] = [d for d in dirs if not ignored(os.path.join(rel_folder, d), patterns) or has_negation(patterns)]
        for name in names:
            relative = os.path.join(rel_folder, name)
            if not ignored(relative, patterns):
                files.add(relative)
    return files


def has_negation(patterns):
    return any(negate for negate, _ in patterns)


# ---------------------------------------------------------------- stages

class Stage:
    def __init__(self, spec, root):
        self.name, self.base, self.root = spec["name"], spec["base"], root
        self.workdir, self.env = "/", {}
        os.makedirs(root, exist_ok=True)

    def host(self, container_path):
        """The staging folder that stands for a path inside this stage's image."""
        absolute = os.path.normpath(os.path.join(self.workdir, container_path))
        return os.path.join(self.root, absolute.lstrip("/"))

    def map_paths(self, text):
        return ABS_PATH.sub(lambda m: m.group(1) + self.host(m.group(2)), text)


def copy_into(stage, number, rest, context, files, stages, dockerfile):
    flags, args = {}, []
    tokens = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
    for token in tokens:
        if token.startswith("--") and not args:
            key, _, value = token[2:].partition("=")
            flags[key] = value
        else:
            args.append(expand(token, stage.env))
    if len(args) < 2:
        raise CheckFailed(f"{dockerfile}:{number}: COPY needs a source and a destination")
    sources, dest = args[:-1], args[-1]
    source_stage = None
    if "from" in flags:
        source_stage = next((s for s in stages if s.name == flags["from"]), None)
        if source_stage is None:
            raise CheckFailed(f"{dockerfile}:{number}: COPY --from={flags['from']}: no such stage (an image can only be pulled by Docker)")
    into_dir = dest.endswith("/") or len(sources) > 1
    for source in sources:
        if source_stage is not None:
            matched = copy_from_stage(source_stage, source)
        else:
            matched = copy_from_context(context, files, source)
        if not matched:
            raise CheckFailed(f"{dockerfile}:{number}: COPY {source}: not found in the build context (or excluded by .dockerignore)")
        for relative, host_file, is_dir_source in matched:
            if into_dir or is_dir_source:
                target = os.path.join(stage.host(dest), relative)
            else:
                target = stage.host(dest)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(host_file, target)


def copy_from_context(context, files, source):
    """(path under the destination, host file, source is a folder) for each file a COPY source names."""
    source = os.path.normpath(source.lstrip("/"))
    matched = []
    if source == ".":
        return [(f, os.path.join(context, f), True) for f in sorted(files)]
    for f in sorted(files):
        if glob_match(f, source) if has_glob(source) else f == source:
            matched.append((os.path.basename(f), os.path.join(context, f), False))
        else:
            # A folder source, or a file inside a globbed folder: its contents keep their relative paths.
            for prefix in folder_prefixes(f, source):
                matched.append((f[len(prefix) + 1:], os.path.join(context, f), True))
    return matched


def has_glob(pattern):
    return any(c in pattern for c in "*?[")


def glob_match(path, pattern):
    return path.count("/") == pattern.count("/") and fnmatch.fnmatchcase(path, pattern)


def folder_prefixes(path, source):
    parts = path.split("/")
    for n in range(1, len(parts)):
        prefix = "/".join(parts[:n])
        if (prefix == source) or (has_glob(source) and glob_match(prefix, source)):
            yield prefix


def copy_from_stage(source_stage, source):
    host = source_stage.host(source)
    if os.path.isfile(host):
        return [(os.path.basename(host), host, False)]
    matched = []
    for folder, _, names in os.walk(host):
        for name in names:
            full = os.path.join(folder, name)
            matched.append((os.path.relpath(full, host), full, True))
    return matched


def build(dockerfile, context, staging):
    """Runs the Dockerfile's stages; returns the final stage and its ENTRYPOINT (or CMD)."""
    patterns = ignore_patterns(context)
    files = context_files(context, patterns)
    specs = parse_dockerfile(dockerfile)
    stages, entrypoint = [], None
    for index, spec in enumerate(specs):
        stage = Stage(spec, os.path.join(staging, f"stage{index}-{spec['name']}"))
        final = index == len(specs) - 1
        log(f"  FROM {stage.base} AS {stage.name}" + (" (final stage)" if final else ""))
        for number, keyword, rest in spec["instructions"]:
            if keyword == "WORKDIR":
                stage.workdir = os.path.normpath(os.path.join(stage.workdir, expand(rest, stage.env)))
                os.makedirs(stage.host("."), exist_ok=True)
            elif keyword in ("ENV", "ARG"):
                if keyword == "ENV" or "=" in rest:
                    stage.env.update({k: expand(v, stage.env) for k, v in parse_env(rest).items()})
            elif keyword in ("COPY", "ADD"):
                copy_into(stage, number, rest, context, files, stages, dockerfile)
            elif keyword == "RUN" and not final:
                run_step(stage, number, rest, dockerfile)
            elif keyword == "RUN":
                log(f"  line {number}: RUN not run (it needs the base image {stage.base}): {rest[:60]}...")
            elif keyword in ("ENTRYPOINT", "CMD") and final:
                if keyword == "ENTRYPOINT" or entrypoint is None:
                    entrypoint = exec_or_shell(rest)
        stages.append(stage)
    if entrypoint is None:
        raise CheckFailed(f"{dockerfile}: the final stage has no ENTRYPOINT or CMD")
    return stages[-1], entrypoint


def run_step(stage, number, rest, dockerfile):
    argv = exec_or_shell(rest)
    argv = [stage.map_paths(a) for a in argv]
    log(f"  line {number}: RUN {rest}")
    # No build servers or reused MSBuild nodes outliving the check: every process it starts ends with it.
    env = dict(os.environ, **stage.env, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1",
               MSBUILDDISABLENODEREUSE="1", DOTNET_CLI_USE_MSBUILD_SERVER="0", UseSharedCompilation="false")
    started = time.monotonic()
    result = subprocess.run(argv, cwd=stage.host("."), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(result.stdout[-6000:], file=sys.stderr)
        raise CheckFailed(f"{dockerfile}:{number}: RUN failed with exit code {result.returncode}: {rest}")
    log(f"    ok in {time.monotonic() - started:.0f} s")


# ---------------------------------------------------------------- the entry assembly and the probe

def entry_assembly(stage, entrypoint, dockerfile):
    """The .dll the entrypoint hands to dotnet: argv[1] of 'dotnet x.dll', or read from the script it runs."""
    if os.path.basename(entrypoint[0]) == "dotnet":
        return entrypoint[1]
    for arg in entrypoint[1:]:
        script = stage.host(arg)
        if arg.startswith("-"):
            continue
        if not os.path.isfile(script):
            if arg.startswith("/") or arg.endswith(".sh"):
                raise CheckFailed(f"{dockerfile}: the ENTRYPOINT runs {arg}, which is not in the image (no COPY puts it there)")
            continue
        with open(script, encoding="utf-8") as f:
            found = re.search(r"\bdotnet\s+([^\s\"';&|]+\.dll)", f.read())
        if found:
            return found.group(1)
    raise CheckFailed(f"{dockerfile}: cannot tell which assembly the ENTRYPOINT {entrypoint} starts")


def check_assembly(stage, dll, dockerfile):
    for suffix in (".dll", ".runtimeconfig.json", ".deps.json"):
        path = stage.host(dll[: -len(".dll")] + suffix)
        if not os.path.isfile(path):
            raise CheckFailed(f"{dockerfile}: the ENTRYPOINT starts {dll}, but {os.path.basename(path)} is not in {stage.workdir} of the image")
    log(f"  {dll} and its runtimeconfig are in {stage.workdir}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health_path(service, name):
    test = (service.get("healthcheck") or {}).get("test") or []
    urls = [t for t in (test if isinstance(test, list) else test.split()) if t.startswith("http")]
    if not urls:
        raise CheckFailed(f"docker-compose.yml: service {name} has no HTTP health check to probe")
    return "/" + urls[0].split("/", 3)[3]


def start(stage, entrypoint, env, log_path, dockerfile):
    argv = [stage.map_paths(a) if a.startswith("/") else a for a in entrypoint]
    # A container's environment, not the developer's: only what running dotnet on this host needs.
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "DOTNET_ROOT", "LANG", "TMPDIR")}
    with open(log_path, "w", encoding="utf-8") as out:
        process = subprocess.Popen(argv, cwd=stage.host("."), env={**base, **env}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    pids = os.environ.get("AKADEMIA_TEST_PIDS")
    if pids:  # scripts/test.sh's safety net kills what a crashed run leaves, by these ids
        with open(os.path.join(pids, f"image-{process.pid}.pid"), "w", encoding="utf-8") as f:
            f.write(str(process.pid))
    return process


def probe(process, url, log_path, what):
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CheckFailed(f"{what} exited with code {process.returncode} before {url} answered:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as e:
            last = f"HTTP {e.code}"
        except (urllib.error.URLError, OSError) as e:
            last = str(getattr(e, "reason", e))
        time.sleep(0.5)
    raise CheckFailed(f"{what}: {url} did not answer 200 within {HEALTH_TIMEOUT_S} s (last: {last}):\n{tail(log_path)}")


def tail(path, lines=40):
    with open(path, encoding="utf-8", errors="replace") as f:
        return "".join(f.readlines()[-lines:])


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---------------------------------------------------------------- compose

def compose_services(compose_file):
    """The services as `docker-compose config` resolves them (anchors merged), with dummy secrets."""
    env = dict(os.environ,
               AKADEMIA_ENCRYPTION_KEY="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
               AKADEMIA_ADMIN_KEY_HASH="0" * 64)
    result = subprocess.run(["docker-compose", "-f", compose_file, "config"], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise CheckFailed(f"docker-compose config failed:\n{result.stderr}")
    return yaml.safe_load(result.stdout)["services"]


def start_order(services):
    """Services in the order compose starts them: each after what it depends_on (the gateway after the silos)."""
    ordered, seen = [], set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        depends = services[name].get("depends_on") or {}
        for dependency in sorted(depends):
            visit(dependency)
        ordered.append(name)

    for name in sorted(services):
        visit(name)
    return [(name, services[name]) for name in ordered]


def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(e.split("=", 1) for e in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def main():
    compose_file = os.path.join(REPO, sys.argv[1] if len(sys.argv) > 1 else "docker-compose.yml")
    services = compose_services(compose_file)
    staging = tempfile.mkdtemp(prefix="akademia-images-")
    processes = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # One cluster for every image: the silo image's process and the gateway that reaches it.
    silo_port, gateway_port = free_port(), free_port()
    built = {}
    started_at = time.monotonic()
    try:
        for name, service in start_order(services):
            spec = service.get("build")
            if not spec:
                builder = next((n for n, s in services.items() if s.get("build") and s.get("image") == service.get("image")), None)
                if builder:
                    log(f"{name}: runs image {service['image']}, which {builder} builds: built and started once")
                continue
            context = os.path.abspath(os.path.join(REPO, spec.get("context", ".")))
            dockerfile = os.path.join(context, spec.get("dockerfile", "Dockerfile"))
            key = (context, dockerfile)
            if key in built:
                log(f"{name}: same Dockerfile as {built[key]}, built and started once")
                continue
            built[key] = name
            relative = os.path.relpath(dockerfile, REPO)
            log(f"{name}: building {relative}")
            stage, entrypoint = build(dockerfile, context, os.path.join(staging, name))
            dll = entry_assembly(stage, entrypoint, relative)
            check_assembly(stage, dll, relative)
            http_port = free_port()
            env = {**stage.env, **environment(service),
                   # Only what makes it run on this host: one silo on loopback, state in memory.
                   "Cluster__Clustering": "Localhost", "Cluster__Storage": "Memory",
                   # The image runs as Production, where memory storage must be chosen on purpose.
                   "Cluster__AllowVolatileStorage": "true",
                   "Cluster__AdvertisedIP": "127.0.0.1",
                   "Cluster__SiloPort": str(silo_port), "Cluster__GatewayPort": str(gateway_port),
                   "Cluster__GatewayPorts__0": str(gateway_port),
                   "Urls": f"http://127.0.0.1:{http_port}"}
            log_path = os.path.join(staging, f"{name}.log")
            process = start(stage, entrypoint, env, log_path, relative)
            processes.append(process)
            url = f"http://127.0.0.1:{http_port}{health_path(service, name)}"
            probe(process, url, log_path, f"{name} ({' '.join(entrypoint)})")
            log(f"{name}: {url} answered 200 (pid {process.pid})")
        if not built:
            raise CheckFailed("docker-compose.yml builds no image")
        log(f"{len(built)} images built and started in {time.monotonic() - started_at:.0f} s")
        return 0
    except CheckFailed as e:
        print(f"check-images: FAILED: {e}", file=sys.stderr, flush=True)
        return 1
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
