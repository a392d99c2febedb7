import io, time, pytest
@pytest.mark.django_db(transaction=True)
def test_t():
    for app in ("portal","news","documents","polls","stats"):
        mod = __import__(f"{app}.demo", fromlist=["seed"])
        t=time.time(); mod.seed(io.StringIO()); print(app, time.time()-t)
