import pyproj
import requests
from shapely.geometry import Point

TRANSFORMER = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)


def geocode(address: str) -> Point:
    response = requests.get("https://geocode.example.com/v1", params={"q": address}, timeout=5)
    lon, lat = response.json()["coordinates"]
    return Point(TRANSFORMER.transform(lon, lat))
